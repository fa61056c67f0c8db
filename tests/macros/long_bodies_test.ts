/**
 * The built-in text macros on long bodies built to make a backtracking pattern blow up (a long
 * run of digits, of spaces, of full stops, of `<`): all of them get through each body in
 * milliseconds once their patterns are linear, and took minutes to hours while they were not
 * (cubic in the digits, quadratic in the rest), during which the server's thread answered no
 * one. They run in a worker, given up on after a deadline far beyond a linear run.
 */
import assert from "node:assert/strict";

/** Far beyond a linear run of these bodies (milliseconds), far below a backtracking one. */
const DEADLINE_MS = 30_000;

/** The macro still running on `body` at the deadline, or undefined when all finished. */
async function stuckOn(body: string): Promise<string | undefined> {
  const worker = new Worker(new URL("./_long_body_worker.ts", import.meta.url), {
    type: "module",
  });
  let running: string | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    return await new Promise<string | undefined>((resolve, reject) => {
      timer = setTimeout(() => resolve(running ?? "(none started)"), DEADLINE_MS);
      worker.onmessage = ({ data }: MessageEvent<{ running?: string; done?: true }>) => {
        if (data.done) resolve(undefined);
        else running = data.running;
      };
      worker.onerror = (event) => {
        event.preventDefault();
        reject(new Error(event.message));
      };
      worker.postMessage(body);
    });
  } finally {
    clearTimeout(timer);
    worker.terminate();
  }
}

const BODIES: Record<string, string> = {
  "digits": "1".repeat(20_000),
  "digits after a decimal point": "1." + "2".repeat(20_000),
  "spaces after a number": "1" + " ".repeat(300_000),
  "full stops": ".".repeat(300_000),
  "unclosed tags": "<".repeat(300_000),
  "unclosed links": "<a>".repeat(100_000),
  "unclosed paragraph tags": "<p <br ".repeat(50_000) + "\n>",
  "a long dollar amount": "$" + "9".repeat(100_000),
  "comments": "<!-- a -->".repeat(30_000) + "<!--",
  "unclosed quoted values": '<i title="'.repeat(30_000),
  "unclosed raw elements": "<textarea>".repeat(30_000),
  "links in quoted attributes": '<i title="<a>x</a>">'.repeat(30_000),
};

for (const [kind, body] of Object.entries(BODIES)) {
  Deno.test(`every text macro gets through a long body of ${kind}`, async () => {
    assert.equal(await stuckOn(body), undefined);
  });
}
