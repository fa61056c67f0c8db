/**
 * Superdesk's features/ingest_errors, ingest_rule_handlers and ingest_ftp: listed with what each
 * needs (our own tests cover the behaviour: tests/ingest/feeding/ftp_feed_test.ts polls a real
 * FTP server). auto_routing has its own file (auto_routing_feature_test.ts).
 */
import { feature } from "./feature.ts";

const FIXTURES = "Superdesk's agency sample files (tests/io/fixtures), which we do not copy";
const CODES =
  "the feeding services and parsers whose codes it lists (NewsML 1.2, IPTC 7901, AP, Reuters)";

feature("ingest_errors", (f) => {
  f.needs("Get list of all errors", CODES);
  f.needs("Get list of all errors for reuters", `${CODES}; the reuters_http service`);
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
  f.needs("Ingest fetch stories", FIXTURES);
  f.needs("Run update_ingest command", `${FIXTURES} on Superdesk's FTP mock`);
});
