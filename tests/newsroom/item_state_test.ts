/** The state machine and the word count, without a server. */
import assert from "node:assert/strict";
import {
  assertTransition,
  canTransition,
  stateAfterMove,
  stateAfterSave,
  stateAfterUnspike,
} from "../../src/newsroom/item_state.ts";
import { wordCount } from "../../src/text/html_text.ts";

Deno.test("spike is allowed from any state but spiked, published, scheduled, corrected, killed", () => {
  for (const state of ["draft", "in_progress", "submitted", "fetched", "routed", "unpublished"]) {
    assert.ok(canTransition("spike", state), state);
  }
  for (const state of ["spiked", "published", "scheduled", "corrected", "killed"]) {
    assert.equal(canTransition("spike", state), false, state);
  }
  assert.throws(
    () => assertTransition("spike", "published"),
    /cannot spike an item in state "published"/,
  );
});

Deno.test("a save keeps in_progress, moves drafts by location and refuses spiked items", () => {
  assert.equal(stateAfterSave("draft", { onDesk: true }), "in_progress");
  assert.equal(stateAfterSave("draft", { onDesk: false }), "draft");
  assert.equal(stateAfterSave("submitted", { onDesk: true }), "in_progress");
  assert.equal(stateAfterSave("in_progress", { onDesk: true }), "in_progress");
  assert.throws(() => stateAfterSave("spiked", { onDesk: true }), { status: 400 });
});

Deno.test("a move submits, keeps published states and refuses spiked ones", () => {
  assert.equal(stateAfterMove("in_progress"), "submitted");
  assert.equal(stateAfterMove("published"), "published");
  assert.throws(() => stateAfterMove("spiked"), /cannot move an item in state "spiked"/);
});

Deno.test("unspike restores revert_state, else draft, and only from spiked", () => {
  assert.equal(stateAfterUnspike("spiked", "submitted"), "submitted");
  assert.equal(stateAfterUnspike("spiked", null), "draft");
  assert.throws(() => stateAfterUnspike("draft", "draft"), { status: 400 });
});

Deno.test("word count ignores markup, entities and punctuation", () => {
  assert.equal(wordCount("<p>The budget &amp; the <b>vote</b> passed.</p><p>51 - 49</p>"), 7);
  assert.equal(wordCount("one<br>two"), 2);
  assert.equal(wordCount(undefined), 0);
});
