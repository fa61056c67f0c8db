import assert from "node:assert/strict";
import { cachedAuthenticator } from "../../src/auth/cached_authenticator.ts";
import { SESSION_END_EVENT } from "../../src/notify/session_end_event.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import type { Actor } from "../../src/resources/actor.ts";
import { addUser, login, withApp } from "./_auth_fixtures.ts";

const actorFor = (token: string): Actor => ({
  kind: "user",
  userId: `user-${token}`,
  sessionId: `session-${token}`,
  privileges: new Set(),
  isAdmin: false,
});

function setUp(ttlMs = 60_000) {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  let clock = 0;
  const calls: string[] = [];
  const authenticate = cachedAuthenticator((token) => {
    calls.push(token);
    return Promise.resolve(token.startsWith("bad") ? null : actorFor(token));
  }, { bus, ttlMs, now: () => clock });
  const received = (event: string) =>
    new Promise<void>((resolve) => {
      const off = bus.subscribe((n) => n.event === event && (off(), resolve()));
    });
  return { bus, calls, authenticate, received, advance: (ms: number) => clock += ms };
}

Deno.test("a resolved token is served from the cache until its TTL passes", async () => {
  const { bus, calls, authenticate, advance } = setUp(1000);
  try {
    assert.equal((await authenticate("a"))?.userId, "user-a");
    await authenticate("a");
    assert.deepEqual(calls, ["a"]);
    advance(1001);
    await authenticate("a");
    assert.deepEqual(calls, ["a", "a"]);
    assert.equal(await authenticate("bad"), null);
    assert.equal(await authenticate("bad"), null);
    assert.deepEqual(calls, ["a", "a", "bad", "bad"], "refusals are never cached");
  } finally {
    authenticate.close();
    await bus.close();
  }
});

Deno.test("a session end, a user change or a role change drops cached actors at once", async () => {
  const { bus, calls, authenticate, received } = setUp();
  try {
    await authenticate("a");
    await authenticate("b");
    let seen = received(SESSION_END_EVENT);
    await bus.publish(SESSION_END_EVENT, { session: "session-a" });
    await seen;
    await authenticate("a");
    await authenticate("b");
    assert.deepEqual(calls, ["a", "b", "a"]);
    seen = received("resource:updated");
    await bus.publish("resource:updated", { resource: "users", _id: "user-b" });
    await seen;
    await authenticate("b");
    assert.deepEqual(calls, ["a", "b", "a", "b"]);
    seen = received("resource:deleted");
    await bus.publish("resource:deleted", { resource: "roles", _id: "r" });
    await seen;
    await authenticate("a");
    await authenticate("b");
    assert.deepEqual(calls, ["a", "b", "a", "b", "a", "b"]);
  } finally {
    authenticate.close();
    await bus.close();
  }
});

Deno.test("this process's revocation applies at once; a read it overlapped is not cached", async () => {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  const calls: string[] = [];
  let release: (() => void) | undefined;
  const authenticate = cachedAuthenticator(async (token) => {
    calls.push(token);
    if (release === undefined) await new Promise<void>((resolve) => release = resolve);
    return actorFor(token);
  }, { bus, ttlMs: 60_000 });
  try {
    const overlapped = authenticate("a");
    authenticate.revoke("session:end", { session: "session-other" });
    release!();
    assert.equal((await overlapped)?.userId, "user-a");
    await authenticate("a");
    assert.deepEqual(calls, ["a", "a"], "the overlapped answer was not kept");
    await authenticate("a");
    assert.deepEqual(calls, ["a", "a"]);
    authenticate.revoke("resource:updated", { resource: "users", _id: "user-a" });
    await authenticate("a");
    assert.deepEqual(calls, ["a", "a", "a"], "dropped without waiting for the bus");
  } finally {
    authenticate.close();
    await bus.close();
  }
});

Deno.test("requests with one token share a running lookup, unless a revocation came between", async () => {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  const calls: string[] = [];
  const releases: Array<() => void> = [];
  const authenticate = cachedAuthenticator(async (token) => {
    calls.push(token);
    await new Promise<void>((resolve) => releases.push(resolve));
    return actorFor(token);
  }, { bus, ttlMs: 60_000 });
  try {
    const first = [authenticate("a"), authenticate("a")];
    assert.deepEqual(calls, ["a"]);
    authenticate.revoke("resource:updated", { resource: "users", _id: "user-a" });
    const after = authenticate("a");
    assert.deepEqual(calls, ["a", "a"], "a request after the revocation reads again");
    for (const release of releases) release();
    assert.deepEqual((await Promise.all([...first, after])).map((actor) => actor?.userId), [
      "user-a",
      "user-a",
      "user-a",
    ]);
  } finally {
    authenticate.close();
    await bus.close();
  }
});

Deno.test("the platform's authenticator answers a token it holds synchronously (`known`)", async () => {
  await withApp(async (t) => {
    await addUser(t, { username: "held" });
    const { token, userId } = await login(t, "held");
    const authenticator = t.platform.authenticator;
    assert.ok(authenticator.known, "the platform's authenticator has `known`");
    assert.equal(authenticator.known(token), undefined, "nothing held before the first lookup");
    assert.equal((await authenticator(token))?.userId, userId);
    assert.equal(authenticator.known(token)?.userId, userId);
    assert.equal(authenticator.known("unknown-token"), undefined);
  });
});
