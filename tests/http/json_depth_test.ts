import assert from "node:assert/strict";
import { assertJsonDepth } from "../../src/http/resources/read_body.ts";

Deno.test("a JSON body's depth is limited: nesting counts, many siblings and brackets in strings do not", () => {
  const nested = (depth: number) => `${"[".repeat(depth)}${"]".repeat(depth)}`;
  assertJsonDepth(nested(64), 64);
  assert.throws(() => assertJsonDepth(nested(65), 64), /nests deeper than 64 levels/);
  assert.throws(() => assertJsonDepth(`{"a":[{"b":${nested(63)}}]}`, 64), /deeper than 64/);
  assertJsonDepth(`[${Array.from({ length: 500 }, () => "{}").join(",")}]`, 64);
  assertJsonDepth(`{"s":"${"[{".repeat(100)}","t":"\\"[[["}`, 64);
  assertJsonDepth(`{"a":"x"}`, 1);
  assert.throws(() => assertJsonDepth(`{"a":{}}`, 1), /deeper than 1 levels/);
});
