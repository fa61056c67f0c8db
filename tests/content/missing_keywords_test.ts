/**
 * `addMissingKeywords` under concurrent publishers: every keyword lands once (no case twins),
 * whether the vocabulary is created by the race or updated by it.
 */
import assert from "node:assert/strict";
import { addMissingKeywords, KEYWORDS_VOCABULARY } from "../../src/content/missing_keywords.ts";
import type { VocabulariesService } from "../../src/content/vocabularies_service.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import { perEngineTest } from "../_engine_app.ts";

perEngineTest("missing keywords: concurrent publishers lose none, repeat none", async (app) => {
  const vocabularies = app.platform.registry.service<VocabulariesService>("vocabularies");
  const names = async () => {
    const stored = await vocabularies.findOne({ _id: KEYWORDS_VOCABULARY }, SYSTEM_ACTOR);
    return (stored?.items as Array<{ name: string }>).map((item) => item.name).sort();
  };
  const add = (keywords: string[]) => addMissingKeywords(vocabularies, { keywords });
  // The first round races to create the vocabulary, the second to update it.
  await Promise.all([add(["Alpha", "beta"]), add(["ALPHA", "gamma"]), add(["delta"])]);
  assert.equal((await names()).length, 4);
  assert.deepEqual(
    (await names()).map((name) => name.toLowerCase()),
    ["alpha", "beta", "delta", "gamma"],
  );
  await Promise.all(["e", "f", "g", "h", "Beta"].map((keyword) => add([keyword])));
  assert.deepEqual(
    (await names()).map((name) => name.toLowerCase()),
    ["alpha", "beta", "delta", "e", "f", "g", "gamma", "h"],
  );
});
