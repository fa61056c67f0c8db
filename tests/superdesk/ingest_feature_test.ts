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
  f.scenario("Ingested item must have unique id and unique name", ["auth"], async (s) => {
    await s.givenEmpty("archive");
    await s.given("desks", `[{"name": "Sports"}]`);
    const agency = `"urgency": "1", "source": "example.com",
      "versioncreated": "2013-11-11T11:11:11+00:00"`;
    await s.given(
      "ingest",
      `[{"guid": "tag_example.com_0000_newsml_BRE9A605", ${agency}},
        {"guid": "tag_example.com_0000_newsml_BRE9A606", ${agency}}]`,
    );
    await s.get("/ingest/tag_example.com_0000_newsml_BRE9A605");
    s.key("unique_id");
    s.key("unique_name");
    await s.get("/ingest");
    s.existingResource(
      `{"_items": [{"_id": "tag_example.com_0000_newsml_BRE9A605", "unique_id": 1},
        {"_id": "tag_example.com_0000_newsml_BRE9A606", "unique_id": 2}]}`,
    );
    await s.post("/ingest/tag_example.com_0000_newsml_BRE9A606/fetch", `{"desk": "#desks._id#"}`);
    s.newResource();
    await s.notifications(
      `[{"event": "item:fetch", "extra": {"item": "tag_example.com_0000_newsml_BRE9A606",
        "to_desk": "#desks._id#", "to_stage": "#desks.incoming_stage#"}}]`,
    );
    await s.get("/archive?q=#desks._id#");
    s.list(
      1,
      `{"_items": [{"ingest_id": "tag_example.com_0000_newsml_BRE9A606", "unique_id": 1}]}`,
    );
  });
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
