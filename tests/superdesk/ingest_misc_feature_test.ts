/**
 * Superdesk's features/ingest_errors, ingest_rule_handlers and ingest_ftp: those we express, and
 * the others with what each needs (our own tests cover the behaviour:
 * tests/ingest/feeding/ftp_feed_test.ts polls a real FTP server). auto_routing has its own file
 * (auto_routing_feature_test.ts).
 */
import { feature } from "./feature.ts";
import { fetchFrom, ftpNinjsWith, runUpdateIngest } from "./_ingest_steps.ts";
import { hasFtp } from "../ingest/_servers.ts";

/**
 * Why the lists with 4004 do not hold: Superdesk raises it only where `reuters_http` reads an
 * answer (`etree.fromstring(response.content)` raising UnicodeEncodeError, which lxml does not
 * raise for the bytes of a real response); our requests cannot fail to encode: Basic credentials
 * are UTF-8, URLs percent-encoded, and a lone surrogate (the one string UTF-8 cannot encode) is
 * refused with 400 before it can reach a provider's config (README, Ingest: io_errors).
 */
const NO_4004 = "it lists 4004 (API ingest Unicode Encode Error), which ours never raise: " +
  "Superdesk raises it only when lxml fails to encode a Reuters answer, which a real " +
  "response's bytes cannot make it do, and our requests have nothing that cannot be encoded " +
  "(UTF-8 Basic credentials, percent-encoded URLs, lone surrogates refused with 400 at the API)";

feature("ingest_errors", (f) => {
  f.wrong(
    "Get list of all errors",
    `${NO_4004}; every other code it lists, 1004 (NewsML 1.2) among them, is ours`,
  );
  f.wrong(
    "Get list of all errors for reuters",
    `${NO_4004}; /io_errors?source_type=reuters_http lists the 4xxx codes we do raise`,
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
