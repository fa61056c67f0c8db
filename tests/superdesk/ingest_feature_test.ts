/** Superdesk's features/ingest.feature over HTTP. */
import { feature } from "./feature.ts";

const FIXTURES =
  "Superdesk's agency sample files and Reuters mock (tests/io/fixtures), which we do not copy";

feature("ingest", (f) => {
  f.scenario("List empty ingest", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await s.get("/ingest");
    s.list(0);
  });

  f.scenario("Ingested articles get default priority and urgency", ["auth"], async (s) => {
    await s.given(
      "ingest",
      `[{"guid": "tag_example.com_0000_newsml_BRE9A605", "source": "example.com", "versioncreated": "2013-11-11T11:11:11+00:00"}]`,
    );
    await s.get("/ingest");
    s.existingResource(
      `{"_items": [{"_id": "tag_example.com_0000_newsml_BRE9A605", "urgency": 3, "priority": 6}]}`,
    );
  });

  f.needs(
    "List ingest with items for aggregates",
    'the "we get aggregations" step and aggregations on resource lists',
  );
  f.needs("Fetch an ingest package", FIXTURES);
  f.needs("Check if Ingest Provider Sequence Number is per channel", FIXTURES);
  f.needs("Test iptc code expansion", FIXTURES);
  f.needs("Deleting an Ingest Provider after receiving items should be prohibited", FIXTURES);
  f.failing(
    "Ingested item must have unique id and unique name",
    "`q` searches text fields only, so `/archive?q=<desk id>` finds nothing (the search module)",
  );
  f.needs("Check if Ingest from AAP populates all subjects with qcode", FIXTURES);
  f.needs("Check if Ingest of IPTC sample NITF populates all subjects with qcode", FIXTURES);
  f.needs(
    "Check if Ingest of IPTC sample NITF populates anpa category based on mapping",
    "vocabularies (iptc_category_map, categories)",
  );
  f.needs(
    "Check given an item with an anpa category the iptc subject is derived",
    "vocabularies and the IPTC 7901 parser",
  );
  f.needs("Delete an ingest package", FIXTURES);
  f.needs("Ingest ninjs", FIXTURES);
  f.needs("Ingest ninjs with embedded items", FIXTURES);
  f.needs("Ingest ninjs text", FIXTURES);
  f.needs("Ingest ninjs picture", FIXTURES);
});
