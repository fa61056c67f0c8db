/** Superdesk's features/ingest.feature over HTTP. */
import assert from "node:assert/strict";
import { feature } from "./feature.ts";
import { fetchFrom } from "./_ingest_steps.ts";
import { findIdAs } from "./_auto_routing_steps.ts";

/** The picture link of Superdesk's Reuters mock its NINJS fixtures use. */
const REUTERS_HREF = "http://content.reuters.com/auth-server/content/" +
  "tag_reuters.com_2014_newsml_LYNXMPEA6F0MT_2/tag_reuters.com_2014_binary_LYNXMPEA6F0MT-BASEIMAGE" +
  "?auth_token=fake_token";
/** How the guids of the Reuters items begin (Superdesk's end in `:version`, ours not: README). */
const REUTERS = "tag_reuters.com_2014_newsml_";

/**
 * `/ingest` after fetching Reuters' package KBN0FL0NM:10 (our fixture holds it and its items):
 * where Superdesk checks a guid with its version (`...KBN0FL0NN:5`), we check our guid and version
 * (a reference's version is the feed's text, an item's a number); `extra` is the sidebar's fields.
 */
function reutersPackage(extra = "") {
  const item = (guid: string, version: number, sequence: number, type: string, more = "") =>
    `{"guid": "${REUTERS}${guid}", "version": ${version}, "ingest_provider_sequence": "${sequence}",
      "state": "ingested", "type": "${type}"${more}}`;
  const ref = (itemClass: string, guid: string, version: number) =>
    `{"itemClass": "icls:${itemClass}", "guid": "${REUTERS}${guid}", "version": "${version}"}`;
  const groups = `[
    {"refs": [${ref("text", "KBN0FL0NN", 5)}, ${ref("picture", "LYNXMPEA6F13M", 1)},
              ${ref("picture", "LYNXMPEA6F0MS", 2)}, ${ref("picture", "LYNXMPEA6F0MT", 2)}]},
    {"refs": [${ref("text", "KBN0FL0ZP", 2)}]}]`;
  const pkg = `, "groups": ${groups}, "usageterms": "NO ARCHIVAL USE"`;
  return `{"_items": [
    ${item("LYNXMPEA6F0MS", 2, 3, "picture")},
    ${item("KBN0FL0NM", 10, 6, "composite", pkg)},
    ${item("LYNXMPEA6F0MT", 2, 2, "picture")},
    ${item("KBN0FL0ZP", 2, 1, "text", extra)},
    ${item("LYNXMPEA6F13M", 1, 4, "picture")},
    ${item("KBN0FL0NN", 5, 5, "text")}]}`;
}

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

  f.scenario("List ingest with items for aggregates", ["auth"], async (s) => {
    await s.given(
      "ingest",
      `[{"guid": "tag_example.com_0000_newsml_BRE9A605", "urgency": "1", "source": "example.com",
         "versioncreated": "2013-11-11T11:11:11+00:00"}]`,
    );
    await s.get("/ingest");
    s.list(1);
    // `we get aggregations "..."`.
    const aggregations = s.response.body._aggregations as Record<string, unknown>;
    for (const key of "type,desk,urgency,category,source,priority,genre,sms,legal".split(",")) {
      assert.ok(key in aggregations, `no ${key} in ${JSON.stringify(aggregations)}`);
    }
    // Superdesk's eve-elastic aggregates every list by default; ours only when so configured.
  }, { env: { ELASTICSEARCH_AUTO_AGGREGATIONS: "true" } });
  f.scenario("Fetch an ingest package", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "reuters", `${REUTERS}KBN0FL0NM:10`);
    await s.get("/ingest");
    s.existingResource(reutersPackage(`, "word_count": 780, "priority": 4, "urgency": 4`));
  });
  f.scenario("Check if Ingest Provider Sequence Number is per channel", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "reuters", `${REUTERS}LYNXMPEA6F0MS:2`);
    await fetchFrom(s, "AAP", "aap.xml");
    // `#reuters.<guid>:<version>#` is Superdesk's name of the item; our guid has no version.
    await s.get(`/ingest/#reuters.${REUTERS}LYNXMPEA6F0MS:2#`);
    s.existingResource(
      `{"type": "picture", "guid": "${REUTERS}LYNXMPEA6F0MS", "version": 2, "state": "ingested",
        "ingest_provider_sequence": "1"}`,
    );
    await s.get("/ingest/#AAP.AAP.115314987.5417374#");
    s.existingResource(
      `{"type": "text", "guid": "AAP.115314987.5417374", "state": "ingested",
        "ingest_provider_sequence": "1747"}`,
    );
  });
  f.scenario("Test iptc code expansion", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "AAP", "aap-1.xml");
    await s.get("/ingest");
    s.existingResource(
      `{"_items": [{"type": "text", "subject": [{"name": "Formula One", "qcode": "15039001"},
        {"name": "sport", "qcode": "15000000"}, {"name": "motor racing", "qcode": "15039000"}]}]}`,
    );
  });
  f.scenario(
    "Deleting an Ingest Provider after receiving items should be prohibited",
    ["auth"],
    async (s) => {
      await s.givenEmpty("ingest");
      await fetchFrom(s, "AAP", "aap.xml");
      await s.get("/ingest/#AAP.AAP.115314987.5417374#");
      s.placeholders.ingest_provider = s.ok().ingest_provider;
      await s.delete("/ingest_providers/#ingest_provider#");
      s.code(
        403,
        `{"_message": "Deleting an Ingest Source after receiving items is prohibited."}`,
      );
    },
  );
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
  f.scenario("Check if Ingest from AAP populates all subjects with qcode", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "AAP", "aap.xml");
    await s.get("/ingest");
    s.existingResource(
      `{"_items": [{"type": "text", "subject": [
        {"name": "Justice", "qcode": "02000000"}, {"name": "Police", "qcode": "02003000"}]}]}`,
    );
  });
  f.scenario(
    "Check if Ingest of IPTC sample NITF populates all subjects with qcode",
    ["auth"],
    async (s) => {
      await s.givenEmpty("ingest");
      await fetchFrom(s, "AAP", "nitf-fishing.xml");
      await s.get("/ingest");
      s.existingResource(
        `{"_items": [{"type": "text", "subject": [{"name": "Weather", "qcode": "17000000"},
          {"name": "Statistics", "qcode": "17004000"},
          {"name": "Fishing Industry", "qcode": "04001002"}]}]}`,
      );
    },
  );
  f.scenario(
    "Check if Ingest of IPTC sample NITF populates anpa category based on mapping",
    ["auth"],
    async (s) => {
      await s.givenEmpty("ingest");
      await s.given(
        "vocabularies",
        `[{"_id": "iptc_category_map", "display_name": "IPTC category map", "type": "manageable",
          "items": [
            {"name": "Finance", "category": "f", "qcode": "04000000", "is_active": true},
            {"name": "Weather", "category": "b", "qcode": "17000000", "is_active": true}]},
          {"_id": "categories", "display_name": "Categories", "type": "manageable", "items": [
            {"is_active": true, "name": "Australian Weather", "qcode": "b", "subject": "17000000"},
            {"is_active": true, "name": "Finance", "qcode": "f", "subject": "04000000"}]}]`,
      );
      await fetchFrom(s, "AAP", "nitf-fishing.xml");
      await s.get("/ingest");
      s.existingResource(
        `{"_items": [{"type": "text", "anpa_category": [
          {"name": "Australian Weather", "qcode": "b"}, {"name": "Finance", "qcode": "f"}]}]}`,
      );
    },
  );
  f.scenario(
    "Check given an item with an anpa category the iptc subject is derived",
    ["auth"],
    async (s) => {
      await s.givenEmpty("ingest");
      await s.given(
        "vocabularies",
        `[{"_id": "categories", "display_name": "Categories", "type": "manageable", "items": [
          {"is_active": true, "name": "Overseas Sport", "qcode": "s", "subject": "15000000"}]}]`,
      );
      await fetchFrom(s, "DPA", "IPTC7901_odd_charset.txt");
      await s.get("/ingest");
      s.existingResource(`{"_items": [{"subject": [{"name": "sport", "qcode": "15000000"}]}]}`);
    },
  );
  f.scenario("Delete an ingest package", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "reuters", `${REUTERS}KBN0FL0NM:10`);
    await s.get("/ingest");
    s.existingResource(reutersPackage());
    // Superdesk's term is on its guid `...KBN0FL0NM:10`: ours on our guid and version.
    await findIdAs(
      s,
      "ingest",
      "ingest_packet",
      `source={"filter": {"bool": {"must": [{"term": {"guid": "${REUTERS}KBN0FL0NM"}},
        {"term": {"version": 10}}]}}}`,
    );
    await s.delete("/ingest/#ingest_packet#");
    s.code(204);
    await s.get("/ingest");
    s.list(0);
  });
  f.scenario("Ingest ninjs", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "ninjs", "ninjs5.json");
    await s.get("/ingest");
    const renditions = `{
      "original": {"poi": {"y": 1193, "x": 2128}, "href": "${REUTERS_HREF}",
        "mimetype": "image/jpeg", "media": "599e31ec1d41c833e0b8a830", "width": 3489, "height": 2296},
      "baseImage": {"poi": {"y": 478, "x": 854}, "href": "${REUTERS_HREF}",
        "mimetype": "image/jpeg", "media": "599e31ed1d41c833e0b8a840", "width": 1400, "height": 921}}`;
    s.existingResource(
      `{"_items": [{"type": "picture", "state": "ingested", "renditions": ${renditions}},
        {"type": "text", "state": "ingested", "associations": {"featuremedia": {
          "state": "ingested", "renditions": ${renditions}}}}]}`,
    );
  });
  f.scenario("Ingest ninjs with embedded items", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "ninjs", "ninjs4.json");
    await s.get("/ingest");
    const href =
      "https://img.futurezone.de/img/science/origs216742511/239706555-w1280-h960-q85/Polizeihund-China-2.jpg";
    const rendition =
      `{"media": "Polizeihund-China-2.jpg", "href": "${href}", "mimetype": "image/jpeg", "height": 853, "width": 1280}`;
    const renditions = `{"original": ${rendition}, "baseImage": ${rendition}}`;
    s.existingResource(
      `{"_items": [
        {"type": "picture", "state": "ingested", "renditions": ${renditions},
          "headline": "Polizeihunde sollen effizienter trainiert werden – Klone sollen die Lösung sein."},
        {"type": "picture", "state": "ingested",
          "headline": "Ob China bald ganze Polizeihund-Staffeln voller Klone haben wird?"},
        {"type": "text", "state": "ingested", "associations": {"featuremedia": {
          "state": "ingested", "renditions": ${renditions}}}}]}`,
    );
  });
  f.scenario("Ingest ninjs text", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "ninjs", "ninjs1.json");
    await s.get("/ingest");
    s.existingResource(`{"_items": [{"type": "text", "headline": "headline"}]}`);
  });
  f.scenario("Ingest ninjs picture", ["auth"], async (s) => {
    await s.givenEmpty("ingest");
    await fetchFrom(s, "ninjs", "ninjs6.json");
    await s.get("/ingest");
    s.existingResource(
      `{"_items": [{"type": "picture", "headline": "German Air Force Museum", "state": "ingested",
        "renditions": {
          "baseImage": {"poi": {"y": 382, "x": 784}, "media": "599faa351d41c8fdc696d904",
            "width": 1400, "height": 934, "mimetype": "image/jpeg",
            "href": "http://localhost:5000/api/upload-raw/599faa351d41c8fdc696d904?_schema=http"},
          "original": {"poi": {"y": 1646, "x": 3368}, "media": "599faa331d41c8fdc696d8b4",
            "width": 6016, "height": 4016, "mimetype": "image/jpeg", "href": "${REUTERS_HREF}"}}}]}`,
    );
  });
});
