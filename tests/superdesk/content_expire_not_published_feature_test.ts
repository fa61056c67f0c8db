/** Superdesk's features/content_expire_not_published.feature over HTTP. */
import { expireItems } from "./_expiry_steps.ts";
import { feature } from "./feature.ts";
import type { Scenario } from "./scenario.ts";

const ON_SPORTS =
  `"task": {"desk": "#desks._id#", "stage": "#desks.incoming_stage#", "user": "#CONTEXT_USER_ID#"}`;

/** Item `guid`, fetched, in `task`. */
function item(guid: string, task = ON_SPORTS): string {
  return `[{"guid": "${guid}", "type": "text", "headline": "test", "state": "fetched",
    ${task}, "subject":[{"qcode": "17004000", "name": "Statistics"}],
    "body_html": "Test Document body"}]`;
}

/** Background: the Sports desk (content expires after 60 minutes) and item 123 on it. */
async function background(s: Scenario): Promise<void> {
  await s.given("desks", `[{"name": "Sports", "content_expiry": 60}]`);
  await s.postWithSuccess("/archive", item("123"));
  s.ok();
  s.existingResource(
    `{"_current_version": 1, "state": "fetched", "task":{"desk": "#desks._id#", "stage": "#desks.incoming_stage#"}}`,
  );
}

/** Package `guid` holding item 123. */
function packageOf123(guid: string): string {
  return `{"guid": "${guid}", "type": "composite", "headline": "test package", "state": "fetched",
    ${ON_SPORTS}, "subject":[{"qcode": "17004000", "name": "Statistics"}],
    "body_html": "Test Package",
    "groups": [{"id": "root", "refs": [{"idRef": "main"}], "role": "grpRole:NEP"},
               {"id": "main", "refs": [{"headline": "Test Document body", "residRef": "123",
                                        "slugline": ""}], "role": "grpRole:Main"}]}`;
}

/** Item 456 in the signed-in user's personal space, beside 123. */
async function personal456(s: Scenario): Promise<void> {
  await s.postWithSuccess("archive", item("456", `"task": {"user": "#CONTEXT_USER_ID#"}`));
  await s.get("archive");
  s.list(2, `{"_items": [{"_id": "123"}, {"_id": "456"}]}`);
}

feature("content_expire_not_published", (f) => {
  f.scenario(
    "Item on a desk and not part of any package is expired .",
    ["auth", "notification"],
    async (s) => {
      await background(s);
      await s.get(`/archive_history?where=item_id==%22123%22`);
      s.list(1, `{"_items": [{"version": 1, "operation": "create"}]}`);
      await expireItems(s, `["#archive._id#"]`);
      await s.get("archive/123");
      s.code(404);
      await s.get("archive/123?versions=all");
      s.code(404);
      await s.get(`/archive_history?where=item_id==%22123%22`);
      s.list(0);
      await s.notifications(`[{"event": "item:expired", "extra": {"items": {"123": 1}}}]`);
    },
  );

  f.scenario("Item on a desk is spiked and expired.", ["auth"], async (s) => {
    await background(s);
    await s.spike("123");
    s.ok();
    await expireItems(s, `["123"]`);
    await s.get("archive/123");
    s.code(404);
    await s.get("archive/123?versions=all");
    s.code(404);
  });

  f.scenario("Item in a package is expired.", ["auth"], async (s) => {
    await background(s);
    await s.postWithTag("/archive", "package", packageOf123("package"));
    await s.get("archive");
    s.list(
      2,
      `{"_items": [
        {"_id": "123", "type": "text", "linked_in_packages": [{"package": "#package#"}], "_current_version": 1},
        {"_id": "#package#", "type": "composite", "_current_version": 1}]}`,
    );
    await expireItems(s, `["#package#"]`);
    await s.get("archive");
    s.list(2, `{"_items": [{"_id": "123"}, {"_id": "package"}]}`);
    await s.postWithTag("/archive", "package2", packageOf123("package2"));
    await expireItems(s, `["123"]`);
    await s.get("archive");
    s.list(
      3,
      `{"_items": [
        {"_id": "123", "type": "text",
         "linked_in_packages": [{"package": "#package#"},{"package": "#package2#"}], "_current_version": 1},
        {"_id": "#package2#", "type": "composite", "_current_version": 1},
        {"_id": "#package#", "type": "composite", "_current_version": 1}]}`,
    );
    await expireItems(s, `["#package2#"]`);
    await s.get("archive");
    s.list(0);
  });

  f.scenario("Personal content is spiked and expired.", ["auth"], async (s) => {
    await background(s);
    await personal456(s);
    await s.spike("456");
    s.ok();
    await expireItems(s, `["456"]`);
    await s.get("archive/456");
    s.code(404);
    await s.get("archive/456?versions=all");
    s.code(404);
  });

  f.scenario("Personal content is expired but not spiked.", ["auth"], async (s) => {
    await background(s);
    await personal456(s);
    await expireItems(s, `["456"]`);
    await s.get("archive/456");
    s.ok();
    await s.get("archive/456?versions=all");
    s.ok();
  });

  f.needs(
    "Content linked in planning does not expire.",
    "the planning app's `assignments` (an item with an assignment does not expire)",
  );
});
