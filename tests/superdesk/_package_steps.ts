/**
 * The fixtures and steps of Superdesk's package_publish.feature: stories, packages built from
 * groups of refs, subscribers, and the steps that read a package's ninjs in the queue
 * (`we get "<id>" in formatted output as "<group>" story for subscriber "<sub>"` and the
 * `in package` / `not in package ... version` forms of superdesk/tests/steps.py).
 */
import assert from "node:assert/strict";
import type { Json } from "./json_match.ts";
import type { Scenario } from "./scenario.ts";

/**
 * Superdesk's test settings turn `PUBLISH_ASSOCIATED_ITEMS` on (superdesk/tests/__init__.py), and
 * the lock scenarios need it; our default is Superdesk's (off).
 */
export const PACKAGE_ENV = { PUBLISH_ASSOCIATED_ITEMS: "true" };

/** The task every fixture item is on. */
export const TASK = `{"user": "#CONTEXT_USER_ID#", "status": "todo",
  "stage": "#desks.incoming_stage#", "desk": "#desks._id#"}`;

/** A submitted item on the desk, as JSON text (`extra`: more fields). */
export function item(guid: string, headline: string, extra: Json = {}): string {
  return JSON.stringify({
    headline,
    guid,
    state: "submitted",
    type: "text",
    body_html: `${headline} content`,
    task: "__TASK__",
    ...extra,
  }).replace('"__TASK__"', TASK);
}

/** A ref to an item in a group: `id` or `[id, type]`. */
export type RefSpec = string | [string, string];

/**
 * A submitted package `guid` whose groups (in order) hold the refs named, as JSON text; `extra`
 * adds fields.
 */
export function pack(
  guid: string,
  headline: string,
  groups: Record<string, RefSpec[]>,
  extra: Json = {},
): string {
  return JSON.stringify({ ...packageBody(guid, headline, groups), task: "__TASK__", ...extra })
    .replace('"__TASK__"', TASK);
}

/** The fields of a package: `groups` with its root, headline, guid, state, type. */
export function packageBody(guid: string, headline: string, groups: Record<string, RefSpec[]>) {
  const names = Object.keys(groups);
  return {
    groups: [
      { id: "root", role: "grpRole:NEP", refs: names.map((idRef) => ({ idRef })) },
      ...names.map((id) => ({
        id,
        role: `grpRole:${id}`,
        refs: groups[id]!.map((spec) => {
          const [residRef, type] = typeof spec === "string" ? [spec, "text"] : spec;
          return {
            residRef,
            guid: residRef,
            type,
            location: "archive",
            itemClass: `icls:${type}`,
            renditions: {},
          };
        }),
      })),
    ],
    guid,
    headline,
    state: "submitted",
    type: "composite",
  };
}

/** A subscriber with one destination (`format`) taking `products`. */
export function subscriber(
  id: string,
  type: "wire" | "digital",
  { format = "ninjs", products = ["1"] }: { format?: string; products?: string[] } = {},
): Json {
  return {
    _id: id,
    name: `Channel ${id}`,
    media_type: "media",
    is_active: true,
    subscriber_type: type,
    sequence_num_settings: { min: 1, max: 10 },
    email: "test@test.com",
    products,
    destinations: [{
      name: "Test",
      format,
      delivery_type: "PublicArchive",
      config: { recipients: "test@test.com" },
    }],
  };
}

/** `Given "subscribers"` with `subscribers`. */
export async function givenSubscribers(s: Scenario, ...subscribers: Json[]): Promise<void> {
  await s.given("subscribers", JSON.stringify(subscribers));
}

/** The desk with the user, and validators of `acts` for every type (Superdesk's `schema: {}`). */
export async function deskAndValidators(s: Scenario, acts = ["publish"]): Promise<void> {
  await s.givenEmpty("archive");
  await s.given("desks", `[{"name": "test_desk1", "members": [{"user": "#CONTEXT_USER_ID#"}]}]`);
  const validators = acts.flatMap((act) =>
    ["composite", "picture", "text"].map((type) => ({
      _id: `${act}_${type}`,
      act,
      type,
      schema: {},
    }))
  );
  await s.given("validators", JSON.stringify(validators));
}

/** The groups of the ninjs formatted for `sub` (in queue entries of `itemId`, if given). */
function associationsFor(s: Scenario, sub: string, itemId?: string): Json[] {
  const out: Json[] = [];
  for (const entry of s.response.body._items as Json[]) {
    if (entry.subscriber_id !== sub || (itemId !== undefined && entry.item_id !== itemId)) {
      continue;
    }
    try {
      out.push({ entry, associations: JSON.parse(entry.formatted_item).associations ?? {} });
    } catch {
      continue;
    }
  }
  return out;
}

function holds(associations: Json, group: string, id: string): boolean {
  return Object.entries(associations).some(([key, value]) =>
    key.startsWith(group) && (value as Json)?.guid === id
  );
}

/** `we get "<id>" in formatted output as "<group>" story for subscriber "<sub>"`. */
export function formattedAs(s: Scenario, id: string, group: string, sub: string): void {
  assert.equal(s.response.status, 200);
  assert.ok(
    associationsFor(s, sub).some(({ associations }) => holds(associations, group, id)),
    `no "${group}" story ${id} for ${sub}`,
  );
}

/** `we get "<id>" as "<group>" story for subscriber "<sub>" in package "<pkg>"`. */
export function inPackage(s: Scenario, id: string, group: string, sub: string, pkg: string) {
  assert.equal(s.response.status, 200);
  assert.ok(
    associationsFor(s, sub, pkg).some(({ associations }) => holds(associations, group, id)),
    `no "${group}" story ${id} for ${sub} in ${pkg}`,
  );
}

/**
 * `we get "<id>" as "<group>" story for subscriber "<sub>" not in package "<pkg>" version "<v>"`:
 * the first entry of the package's version for the subscriber does not hold the item.
 */
export function notInPackage(
  s: Scenario,
  id: string,
  group: string,
  sub: string,
  [pkg, version]: [string, number],
) {
  assert.equal(s.response.status, 200);
  const first = associationsFor(s, sub, pkg).find(({ entry }) =>
    Number(entry.item_version) === version
  );
  assert.ok(first, `no entry of ${pkg} version ${version} for ${sub}`);
  assert.ok(!holds(first.associations, group, id), `${id} is in ${pkg} for ${sub}`);
}
