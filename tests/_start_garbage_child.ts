/**
 * Child of start_garbage_test.ts: grows its heap as a start-up does (objects that survive young
 * collections, then become garbage), calls `releaseStartGarbage` and prints what it saw as JSON.
 */
import { releaseStartGarbage } from "../src/start_garbage.ts";

let kept: { index: number; text: string }[] = [];
for (let index = 0; index < 300_000; index++) kept.push({ index, text: `item ${index}` });
const before = Deno.memoryUsage().heapTotal;
kept = [];
const ms = releaseStartGarbage();
const after = Deno.memoryUsage().heapTotal;
Deno.stdout.writeSync(new TextEncoder().encode(JSON.stringify({ before, after, ms })));
