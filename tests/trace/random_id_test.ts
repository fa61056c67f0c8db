import assert from "node:assert/strict";
import { randomId } from "../../src/trace/trace_context.ts";

Deno.test("randomId: lowercase hex of 8 or 16 bytes, distinct across many pool refills", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 20_000; i++) {
    const trace = randomId(16);
    const span = randomId(8);
    assert.match(trace, /^[0-9a-f]{32}$/);
    assert.match(span, /^[0-9a-f]{16}$/);
    seen.add(trace).add(span);
  }
  assert.equal(seen.size, 40_000);
});
