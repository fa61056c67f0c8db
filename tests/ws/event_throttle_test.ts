import { strict as assert } from "node:assert";
import { createEventThrottle } from "../../src/ws/event_throttle.ts";

const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1, 0, 0, seconds)).toISOString();

Deno.test("a throttled event passes again only 5 s after the last one that passed", () => {
  const passes = createEventThrottle();
  const results = [0, 1, 4.9, 5, 6, 10.5].map((s) =>
    passes({ event: "ingest:update", _created: at(s) })
  );
  assert.deepEqual(results, [true, false, false, true, false, true]);
});

Deno.test("each throttled event name has its own window and others are never throttled", () => {
  const passes = createEventThrottle();
  assert.equal(passes({ event: "ingest:update", _created: at(0) }), true);
  assert.equal(passes({ event: "publish_queue:update", _created: at(1) }), true);
  assert.equal(passes({ event: "content:expired", _created: at(1) }), true);
  assert.equal(passes({ event: "ingest:cleaned", _created: at(1) }), true);
  assert.equal(passes({ event: "item:lock", _created: at(1) }), true);
  assert.equal(passes({ event: "item:lock", _created: at(1) }), true);
});

Deno.test("custom intervals replace Superdesk's", () => {
  const passes = createEventThrottle({ "activity": 1000 });
  assert.equal(passes({ event: "activity", _created: at(0) }), true);
  assert.equal(passes({ event: "activity", _created: at(0.5) }), false);
  assert.equal(passes({ event: "ingest:update", _created: at(0.5) }), true);
  assert.equal(passes({ event: "ingest:update", _created: at(0.6) }), true);
});
