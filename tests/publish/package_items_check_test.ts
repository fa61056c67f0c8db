/**
 * `checkPackageItems`: the items of a package being published, at any depth, in Superdesk's
 * messages, all reported together; packages that hold each other end the walk; an empty package
 * is refused, and so is a correction that empties one; locked items with `PUBLISH_ASSOCIATED_ITEMS`;
 * items their own publish would refuse.
 */
import assert from "node:assert/strict";
import type { HttpError } from "../../src/errors.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import type { ItemValidator } from "../../src/publish/item_validator.ts";
import { checkPackageItems } from "../../src/publish/package_items_check.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** A package holding the items `ids` in its main group. */
function pkg(id: string, ids: string[], extra: Doc = {}): Doc {
  return {
    _id: id,
    type: "composite",
    state: "in_progress",
    groups: [
      { id: "root", refs: [{ idRef: "main" }] },
      { id: "main", refs: ids.map((residRef) => ({ residRef })) },
    ],
    ...extra,
  };
}

/** The context over `items`; text items without a headline fail validation. */
function contextOf(items: Doc[]) {
  const archive = {
    findOne: (filter: { _id: string }) =>
      Promise.resolve(items.find((item) => item._id === filter._id) ?? null),
  } as unknown as ArchiveService;
  const validator: ItemValidator = {
    validate: ({ item }) =>
      Promise.resolve({
        errors: item.headline ? [] : ["HEADLINE is a required field"],
        fields: {},
      }),
  };
  return { archive, validator };
}

async function issuesOf(promise: Promise<void>): Promise<unknown> {
  const error = await promise.then(() => undefined, (error: HttpError) => error);
  assert.ok(error, "the publish was not refused");
  assert.equal(error.status, 400);
  return error.issues?.["validator exception"];
}

Deno.test("items deep in nested packages are checked, and every failure is reported", async () => {
  const outer = pkg("outer", ["inner", "ok"]);
  const context = contextOf([
    outer,
    pkg("inner", ["outer", "killed", "embargoed"], { headline: "Inner" }),
    { _id: "ok", type: "text", state: "published" },
    { _id: "killed", type: "text", state: "killed", headline: "K" },
    {
      _id: "embargoed",
      type: "text",
      state: "in_progress",
      slugline: "s",
      embargo: "2030-01-01T00:00:00+0000",
    },
  ]);
  assert.equal(
    await issuesOf(checkPackageItems(context, "publish", outer)),
    "['Item cannot contain associated killed item.', " +
      "'Item cannot have associated items with Embargo', " +
      "'Associated item s embargoed: HEADLINE is a required field']",
  );
});

Deno.test("a scheduled item needs a package scheduled no earlier", async () => {
  const item = {
    _id: "later",
    type: "text",
    state: "scheduled",
    headline: "H",
    publish_schedule: "2030-01-02T00:00:00+0000",
  };
  const unscheduled = pkg("p", ["later"]);
  assert.equal(
    await issuesOf(checkPackageItems(contextOf([unscheduled, item]), "publish", unscheduled)),
    "['Item cannot contain associated scheduled item.']",
  );
  const earlier = pkg("p", ["later"], { publish_schedule: "2030-01-01T00:00:00+0000" });
  assert.equal(
    await issuesOf(checkPackageItems(contextOf([earlier, item]), "publish", earlier)),
    "['Associated item is scheduled later than current item.']",
  );
  const after = pkg("p", ["later"], { publish_schedule: "2030-01-03T00:00:00+0000" });
  await checkPackageItems(contextOf([after, item]), "publish", after);
});

Deno.test("an empty package is refused; other items and actions are not checked", async () => {
  const empty = pkg("p", []);
  assert.equal(
    await issuesOf(checkPackageItems(contextOf([empty]), "publish", empty)),
    "400: Empty package cannot be published!",
  );
  assert.equal(
    await issuesOf(checkPackageItems(contextOf([]), "correct", empty)),
    "['Corrected package cannot be empty!']",
  );
  await checkPackageItems(contextOf([]), "kill", empty);
  await checkPackageItems(contextOf([]), "publish", { _id: "t", type: "text" });
});

Deno.test("with PUBLISH_ASSOCIATED_ITEMS, locked items are refused, by whom in the message", async () => {
  const outer = pkg("p", ["mine", "theirs"]);
  const items = [
    outer,
    { _id: "mine", type: "text", state: "published", headline: "Mine", lock_user: "u1" },
    { _id: "theirs", type: "text", state: "published", headline: "Theirs", lock_user: "u2" },
  ];
  const context = { ...contextOf(items), publishAssociatedItems: true };
  assert.equal(
    await issuesOf(checkPackageItems(context, "publish", outer, { lockUser: "u1" })),
    "['Mine: packaged item is locked by you. Unlock it and try again', " +
      "'Theirs: packaged item is locked by another user']",
  );
  await checkPackageItems(contextOf(items), "publish", outer, { lockUser: "u1" });
});

Deno.test("an unpublished item its own publish would refuse stops the package first", async () => {
  const outer = pkg("p", ["draft", "flagged"]);
  const context = contextOf([
    outer,
    { _id: "draft", type: "text", state: "draft", headline: "D" },
    {
      _id: "flagged",
      type: "text",
      state: "in_progress",
      headline: "F",
      flags: { marked_for_not_publication: true },
    },
  ]);
  assert.equal(
    await issuesOf(checkPackageItems(context, "publish", outer)),
    '["D: Can\'t publish as item state is draft", ' +
      "'F: Cannot publish an item which is marked as Not for Publication']",
  );
});
