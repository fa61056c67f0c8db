/**
 * Steps of Superdesk's behave suite for ingest routing (superdesk/tests/steps.py): the providers
 * the `@provider` tag sets up, `we fetch from "<provider>" ingest "<file>"` (with or without a
 * routing scheme, to a desk and stage), `we patch routing scheme`, `we schedule the routing
 * scheme`, `the ingest item is (not) routed based on routing scheme and rule`, and `we find for
 * "<resource>" the id as "<name>" by "<query>"`.
 *
 * Superdesk's providers read its agency sample files (tests/io/fixtures) and, for `reuters`, its
 * mock of the Reuters API; ours read files of our own in `fixtures/auto_routing/`, written for
 * these scenarios (`reuters` is a file provider with the `newsml2` parser: a guid is read from
 * the file named after it, `:` as `_`). As Superdesk's step, the items are parsed with the
 * provider's parser, dated now, expiring in 20 minutes, and stored and routed by ingest's own
 * pipeline (`ingestItems` with the scheme's routing); `<provider>.<guid>` names each ingest id.
 */
import assert from "node:assert/strict";
import { ingestItems } from "../../src/ingest/ingest_items.ts";
import type { IngestService } from "../../src/ingest/ingest_service.ts";
import { pollDeps } from "../../src/ingest/ingest_tasks.ts";
import { feedParser } from "../../src/ingest/parsers/parser_registry.ts";
import { publishRouted } from "../../src/publish/publish_routed.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { Json } from "./json_match.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

const FIXTURES = new URL("./fixtures/auto_routing/", import.meta.url).pathname;

/** The `@provider` tag's providers the routing scenarios use. */
const PROVIDERS = [
  {
    name: "AAP",
    source: "AAP Ingest",
    feeding_service: "file",
    feed_parser: "nitf",
    config: { path: FIXTURES },
  },
  {
    name: "reuters",
    source: "reuters",
    feeding_service: "file",
    feed_parser: "newsml2",
    config: { path: `${FIXTURES}reuters/` },
  },
];

/** `@provider`: stores the providers. */
export async function setupProviders(s: Scenario): Promise<void> {
  const docs = PROVIDERS.map((provider) => ({ ...provider, skip_config_test: true }));
  await s.app.platform.registry.service("ingest_providers").create(docs, SYSTEM_ACTOR);
}

/** `@vocabulary`'s categories (features/steps/fixtures/vocabularies.json), which auto publish reads. */
export async function categoriesVocabulary(s: Scenario): Promise<void> {
  await givenRaw(
    s,
    "vocabularies",
    `[{"_id": "categories", "display_name": "Categories", "type": "manageable",
       "items": [{"is_active": true, "name": "Australian General News", "qcode": "a"},
                 {"is_active": true, "name": "Finance", "qcode": "f"},
                 {"is_active": true, "name": "Sport", "qcode": "s"}]}]`,
  );
}

/**
 * `we fetch from "<provider>" ingest "<file>"` (`using routing_scheme` when `scheme`, the step's
 * text, is given; `we ingest and fetch ... to desk ... stage ...` with `desk` and `stage`).
 */
export async function fetchFromProvider(
  s: Scenario,
  providerName: string,
  file: string,
  { scheme, desk, stage }: { scheme?: string; desk?: string; stage?: string } = {},
): Promise<void> {
  const { registry, services, apps } = s.app.platform;
  const provider = await registry.service("ingest_providers").findOne({ name: providerName });
  assert.ok(provider, `no provider "${providerName}"`);
  const config = provider.config as { path: string };
  const name = file.replaceAll(":", "_") + (/\.\w+$/.test(file) ? "" : ".xml");
  const parsed = feedParser(String(provider.feed_parser))!.parse(
    await Deno.readFile(`${config.path}${name}`),
    { source: String(provider.source), config, name, now: new Date() },
  );
  assert.deepEqual(parsed.problems, []);
  const now = Date.now();
  for (const item of parsed.items) {
    item.versioncreated = new Date(now);
    item.expiry = new Date(now + 20 * 60_000);
    if (desk) item.task = { desk: s.json(`"${desk}"`), stage: s.json(`"${stage}"`) };
  }
  const deps = pollDeps(services, { publish: publishRouted, macros: apps.macros });
  const schemeId = scheme === undefined ? undefined : s.json(`"${scheme.trim()}"`);
  const route = schemeId
    ? await deps.routingFor!({ ...provider, routing_scheme: schemeId })
    : undefined;
  const outcome = await ingestItems(deps, provider, parsed.items, { route });
  assert.deepEqual(outcome.problems.map((problem) => problem.message), []);
  const ingest = registry.service<IngestService>("ingest");
  for (const item of parsed.items) {
    const stored = await ingest.byGuid(String(item.guid));
    s.placeholders[`${providerName}.${item.guid}`] = String(stored!._id);
  }
}

/** `we patch routing scheme "<url>"`: appends the text's rule to the scheme's rules. */
export async function patchRoutingScheme(s: Scenario, url: string, text: string): Promise<void> {
  const current = await s.get(url);
  const rules = [...(current.body.rules ?? []), s.json(text)];
  await s.patch(url, JSON.stringify({ rules }));
}

const DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/**
 * `we schedule the routing scheme "<id>"`: its first rule runs only tomorrow and the day after,
 * 16:00 to 20:00; its second, if any, today (UTC, as Superdesk's `utcnow`).
 */
export async function scheduleRoutingScheme(s: Scenario, id: string): Promise<void> {
  const url = `/routing_schemes/${id}`;
  const rules: Json[] = (await s.get(url)).body.rules;
  const day = (offset: number) => DAYS[new Date(Date.now() + offset * 86_400_000).getUTCDay()];
  rules[0].schedule = {
    day_of_week: [day(1), day(2)],
    hour_of_day_from: "16:00:00",
    hour_of_day_to: "20:00:00",
  };
  if (rules[1]) rules[1].schedule = { day_of_week: [day(0)] };
  await s.patch(url, JSON.stringify({ rules }));
  s.code(200);
}

/**
 * `the ingest item is (not) routed [and transformed] based on routing scheme and rule "<name>"`:
 * for each of the rule's fetch (state `routed`) and publish (`published`) destinations, an
 * archive or published item of the ingest item's family is (not) on that desk and stage; a
 * package's items are there too; transformed: the `update_fields` macro set its abstract. A rule
 * the scheme does not have checks nothing, as in Superdesk.
 */
export async function routedByRule(
  s: Scenario,
  ruleName: string,
  text: string,
  { routed = true, transformed = false }: { routed?: boolean; transformed?: boolean } = {},
): Promise<void> {
  const data = s.json(text);
  const scheme = await s.app.platform.registry.service("routing_schemes").findOne({
    _id: data.routing_scheme,
  });
  const rule = (scheme!.rules as Json[]).find((r) =>
    String(r.name).toLowerCase() === ruleName.toLowerCase()
  );
  for (const [action, state] of [["fetch", "routed"], ["publish", "published"]] as const) {
    for (const destination of rule?.actions?.[action] ?? []) {
      const where = {
        family_id: data.ingest,
        "task.desk": String(destination.desk),
        "task.stage": String(destination.stage),
        state,
      };
      const found = [...await stored(s, "archive", where), ...await stored(s, "published", where)];
      if (!routed) {
        assert.equal(found.length, 0, `routed by "${ruleName}": ${JSON.stringify(where)}`);
        continue;
      }
      assert.ok(found.length > 0, `no routed items found for ${JSON.stringify(where)}`);
      if (transformed) assert.equal(found[0]!.abstract, "Abstract has been updated");
      const refs = ((found[0]!.groups ?? []) as Json[]).flatMap((group) => group.refs ?? [])
        .filter((ref: Json) => ref.residRef).map((ref: Json) => ref.residRef);
      for (const id of refs) {
        const [member] = await stored(s, "archive", { _id: id });
        assert.ok(member, `package item ${id} is not in archive`);
        assert.equal(member.state, state);
        assert.deepEqual([member.task?.desk, member.task?.stage], [
          where["task.desk"],
          where["task.stage"],
        ]);
      }
    }
  }
}

/** Documents of `resource` matching `filter`, straight from the store. */
async function stored(s: Scenario, resource: string, filter: Json): Promise<Json[]> {
  const { registry, documents } = s.app.platform;
  const source = registry.service(resource).definition.datasource.source;
  return await documents.collection(source).find(filter);
}

/** `we find for "<resource>" the id as "<name>" by "<query>"`: the one item's id as `#name#`. */
export async function findIdAs(s: Scenario, resource: string, name: string, query: string) {
  const response = await s.get(`/${resource}?${query}`);
  if (response.status !== 200) return;
  assert.equal(response.body._items.length, 1);
  s.placeholders[name] = response.body._items[0]._id;
}
