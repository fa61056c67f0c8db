/** The fields of an update (`rewrite_article.ts`), without the stores. */
import assert from "node:assert/strict";
import { rewriteArticle, takeKey } from "../../src/publish/rewrite_article.ts";

Deno.test("take keys are English ordinals of the update's sequence", () => {
  const keys = [1, 2, 3, 4, 11, 12, 13, 21, 22, 23, 101, 111, 112].map(takeKey);
  assert.deepEqual(keys, [
    "update",
    "2nd update",
    "3rd update",
    "4th update",
    "11th update",
    "12th update",
    "13th update",
    "21st update",
    "22nd update",
    "23rd update",
    "101st update",
    "111th update",
    "112th update",
  ]);
});

Deno.test("a new update copies the profile's fields, not others, and no SMS flag", () => {
  const original = {
    _id: "s",
    state: "in_progress",
    headline: "H",
    ednote: "kept out",
    event_id: "e",
    flags: { marked_for_sms: true, marked_for_legal: true },
    extra: { a: "x", empty: "" },
    rewrite_sequence: 2,
  };
  const rewrite = rewriteArticle(original, undefined, { profileFields: ["headline"] });
  assert.equal(rewrite.headline, "H");
  assert.equal("ednote" in rewrite, false);
  assert.deepEqual(rewrite.flags, { marked_for_sms: false, marked_for_legal: true });
  assert.deepEqual(rewrite.extra, { a: "x", empty: "" });
  assert.equal(rewrite.rewrite_sequence, 3);
  assert.equal(rewrite.anpa_take_key, "3rd update");
  assert.equal(rewrite.state, "in_progress");
  // The original's values are copied, not shared.
  (rewrite.flags as Record<string, unknown>).marked_for_legal = false;
  assert.equal(original.flags.marked_for_legal, true);
});

Deno.test("a reset priority overrides the story's", () => {
  const rewrite = rewriteArticle({ _id: "s", priority: 2 }, undefined, {
    profileFields: ["priority"],
    resetPriority: 6,
  });
  assert.equal(rewrite.priority, 6);
});
