import { strict as assert } from "node:assert";
import { matchesFilters, parseClientArgs } from "../../src/ws/subscription_filters.ts";

Deno.test("subscription arguments come only from /subscribe paths and skip reserved parameters", () => {
  assert.deepEqual(
    parseClientArgs(
      new URL("ws://h/subscribe?user=u1&session=s1&token=t&last_event_id=1-0&user=u2"),
    ),
    { user: "u1", session: "s1" },
  );
  assert.deepEqual(parseClientArgs(new URL("ws://h/ws?user=u1")), {});
});

Deno.test("an event without filters reaches every client", () => {
  assert.equal(matchesFilters({}, undefined), true);
  assert.equal(matchesFilters({ user: "u1" }, { include: {}, exclude: {} }), true);
});

Deno.test("include by user, by user list and by user plus session", () => {
  const byUser = { include: { user: ["u1"] } };
  assert.equal(matchesFilters({ user: "u1" }, byUser), true);
  assert.equal(matchesFilters({ user: "u2" }, byUser), false);
  assert.equal(matchesFilters({}, byUser), false);
  assert.equal(matchesFilters({ user: "u2" }, { include: { user: ["u1", "u2"] } }), true);
  const bySession = { include: { user: ["u1"], session: ["s1"] } };
  assert.equal(matchesFilters({ user: "u1", session: "s1" }, bySession), true);
  assert.equal(matchesFilters({ user: "u1", session: "s2" }, bySession), false);
});

Deno.test("exclude removes matching clients and keeps clients without arguments", () => {
  const filters = { exclude: { user: ["u1"] } };
  assert.equal(matchesFilters({ user: "u1" }, filters), false);
  assert.equal(matchesFilters({ user: "u2" }, filters), true);
  assert.equal(matchesFilters({}, filters), true);
});

Deno.test("values compare as strings and unreadable filters exclude the client", () => {
  assert.equal(matchesFilters({ company: "7" }, { include: { company: [7] } }), true);
  assert.equal(
    matchesFilters({ user: "u1" }, { include: { user: "u1" as unknown as unknown[] } }),
    false,
  );
});
