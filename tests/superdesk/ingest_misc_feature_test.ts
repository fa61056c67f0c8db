/**
 * Superdesk's features/ingest_errors, ingest_rule_handlers and ingest_ftp: those we express, and
 * the others with what each needs (our own tests cover the behaviour:
 * tests/ingest/feeding/ftp_feed_test.ts polls a real FTP server). auto_routing has its own file
 * (auto_routing_feature_test.ts).
 */
import { feature } from "./feature.ts";
import { fetchFrom, ftpNinjsWith, runUpdateIngest } from "./_ingest_steps.ts";
import { hasFtp } from "../ingest/_servers.ts";

const CODES =
  "a NewsML 1.2 parser (1004); and it lists 4004, a failure of Python's requests that " +
  "ours never raise (README, Ingest: io_errors)";

feature("ingest_errors", (f) => {
  f.needs("Get list of all errors", CODES);
  f.wrong(
    "Get list of all errors for reuters",
    "it lists 4004 (Unicode encode error), a failure of Python's requests that ours never raise " +
      "(README, Ingest: io_errors); /io_errors?source_type=reuters_http lists the 4xxx codes we " +
      "do raise, 4002 (too many redirects) among them",
  );
  f.scenario("Get list of all errors for email", ["auth"], async (s) => {
    await s.get("/io_errors?source_type=email");
    s.list(
      1,
      `{"_items": [{
        "all_errors": {"1001": "Message could not be parsed", "1002": "Ingest file could not be parsed"},
        "source_errors": {"6000": "Email authentication failure", "6002": "Email ingest error"}
      }]}`,
    );
  });
});

feature("ingest_rule_handlers", (f) => {
  f.needs("Get list of available rule handlers", "the planning module's planning_publish handler");
});

feature("ingest_ftp", (f) => {
  f.scenario("Ingest fetch stories", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "ftp_ninjs", "ninjs1.json");
    await s.get("/ingest");
    s.existingResource(`{"_items": [{"type": "text", "headline": "headline"}]}`);
  });
  f.scenario("Run update_ingest command", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    const story = (n: number) =>
      JSON.stringify({ guid: `ftp-story-${n}`, headline: `headline ${n}` });
    await ftpNinjsWith(s, { "1.json": story(1), "2.json": story(2), "3.json": story(3) });
    await runUpdateIngest(s, "ftp_ninjs");
    await s.get("/ingest");
    s.existingResource(
      `{"_items": [{"type": "text", "headline": "headline 1"},
        {"type": "text", "headline": "headline 2"}, {"type": "text", "headline": "headline 3"}]}`,
    );
  }, { ignore: !hasFtp() });
});
