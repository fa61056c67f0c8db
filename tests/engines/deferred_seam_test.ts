/**
 * `deferSeam`'s stand-in answers a property assigned to it before the seam's own, before and after
 * the connection (a test wrapping the Redis bus's `publish` is heard), and the seam's again once
 * the property is deleted.
 */
import assert from "node:assert/strict";
import { deferSeam } from "../../src/engines/deferred_seam.ts";

interface Greeter {
  greet(name: string): Promise<string>;
}

Deno.test("a method assigned to a deferred seam is the one called, connected or not", async () => {
  const { promise, resolve } = Promise.withResolvers<Greeter>();
  const seam = deferSeam(promise, { seam: "greeter", engine: "test" });
  const heard: string[] = [];
  const wrap = (original: Greeter["greet"]) => (name: string) => {
    heard.push(name);
    return original(name);
  };
  const connecting = seam.greet;
  seam.greet = wrap(connecting);
  const greeting = seam.greet("before");
  resolve({ greet: (name) => Promise.resolve(`hello ${name}`) });
  assert.equal(await greeting, "hello before");
  assert.equal(await seam.greet("after"), "hello after");
  assert.deepEqual(heard, ["before", "after"]);

  delete (seam as Partial<Greeter>).greet;
  const connected = seam.greet;
  seam.greet = wrap(connected);
  assert.equal(await seam.greet("wrapped"), "hello wrapped");
  assert.deepEqual(heard, ["before", "after", "wrapped"]);
  delete (seam as Partial<Greeter>).greet;
  assert.equal(await seam.greet("plain"), "hello plain");
  assert.deepEqual(heard, ["before", "after", "wrapped"]);
});
