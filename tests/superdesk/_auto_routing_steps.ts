/**
 * Steps of Superdesk's behave suite for ingest routing (superdesk/tests/steps.py): `we patch
 * routing scheme`, `we schedule the routing scheme`, `the ingest item is (not) routed based on
 * routing scheme and rule`, and `we find for "<resource>" the id as "<name>" by "<query>"`; the
 * fetch with a routing scheme is `fetchFrom` in `_ingest_steps.ts`.
 */
import assert from "node:assert/strict";
import type { Json } from "./json_match.ts";
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

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
