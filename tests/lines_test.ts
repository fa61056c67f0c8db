import assert from "node:assert/strict";
import { linesOf } from "./_lines.ts";

Deno.test("linesOf splits chunks at newlines, joining lines cut across chunks", async () => {
  const bytes = new TextEncoder().encode('{"a":1}\n{"b":\n2}\nlast');
  const cuts = [0, 5, 9, 14, bytes.length];
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 1; i < cuts.length; i++) controller.enqueue(bytes.slice(cuts[i - 1], cuts[i]));
      controller.close();
    },
  });
  assert.deepEqual(await Array.fromAsync(linesOf(stream)), ['{"a":1}', '{"b":', "2}", "last"]);
});
