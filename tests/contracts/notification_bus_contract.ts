/**
 * The contract every NotificationBus implementation passes (DESIGN.md §2): delivery to every
 * bus on the channel, order, filters, history with its completeness flag, bounds by size and
 * age, unsubscribe, isolation of a failing listener, ping and close.
 */
import { strict as assert } from "node:assert";
import type { Notification } from "../../src/notify/notification.ts";
import type { NotificationBus } from "../../src/notify/notification_bus.ts";
import { Collector } from "../notify/_collect.ts";

/** What the suite needs to build buses; all buses built with one `channel` talk to each other. */
export interface BusContractOptions {
  create(options: { channel: string; historySize: number; historyMaxAgeMs: number }): Promise<
    NotificationBus
  >;
  /** Skips the suite (engine not configured). */
  ignore?: boolean;
}

/** Registers the contract tests for one implementation named `name`. */
export function notificationBusContract(
  name: string,
  { create, ignore = false }: BusContractOptions,
) {
  const test = (title: string, fn: (open: Opener) => Promise<void>) =>
    Deno.test({ name: `${name}: ${title}`, ignore }, async () => {
      const buses: NotificationBus[] = [];
      const channel = `contract_${crypto.randomUUID().slice(0, 12)}`;
      const open: Opener = async ({ historySize = 100, historyMaxAgeMs = 60_000 } = {}) => {
        const bus = await create({ channel, historySize, historyMaxAgeMs });
        buses.push(bus);
        return bus;
      };
      try {
        await fn(open);
      } finally {
        await Promise.all(buses.map((bus) => bus.close()));
      }
    });

  test("publish delivers the same event, in Superdesk's shape, to every bus on the channel", async (open) => {
    const [publisher, other] = [await open(), await open()];
    const here = new Collector<Notification>();
    const there = new Collector<Notification>();
    publisher.subscribe(here.push);
    other.subscribe(there.push);
    const when = new Date("2024-05-06T07:08:09.000Z");
    const sent = await publisher.publish("item:lock", { item: "i1", when, user: "u1" });
    assert.match(sent._id, /^\d+-\d+/);
    assert.equal(sent.event, "item:lock");
    assert.deepEqual(sent.extra, { item: "i1", when: "2024-05-06T07:08:09+0000", user: "u1" });
    assert.match(
      sent._created,
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+0000$/,
      "the wire date form",
    );
    assert.equal(typeof sent._process, "string");
    assert.equal(sent.filters, undefined);
    assert.deepEqual((await here.count(1))[0], sent);
    assert.deepEqual((await there.count(1))[0], sent);
  });

  test("events from one publisher arrive in publish order with distinct ids", async (open) => {
    const [publisher, other] = [await open(), await open()];
    const received = new Collector<Notification>();
    other.subscribe(received.push);
    const sent = await Promise.all(
      Array.from({ length: 20 }, (_, i) => publisher.publish("content:update", { n: i })),
    );
    assert.deepEqual(sent.map((n) => n.extra.n), Array.from({ length: 20 }, (_, i) => i));
    assert.equal(new Set(sent.map((n) => n._id)).size, 20);
    const got = await received.count(20);
    assert.deepEqual(got.map((n) => n._id), sent.map((n) => n._id));
  });

  test("filters travel with the event", async (open) => {
    const bus = await open();
    const received = new Collector<Notification>();
    bus.subscribe(received.push);
    const filters = { include: { user: ["u1", "u2"] }, exclude: { session: ["s9"] } };
    const sent = await bus.publish("activity", { msg: "hi" }, { filters });
    assert.deepEqual(sent.filters, filters);
    assert.deepEqual((await received.count(1))[0]!.filters, filters);
  });

  test("the publisher's traceparent travels with the event and its history", async (open) => {
    const [publisher, other] = [await open(), await open()];
    const received = new Collector<Notification>();
    other.subscribe(received.push);
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const first = await publisher.publish("before", {});
    const sent = await publisher.publish("traced", { n: 1 }, { traceparent });
    assert.equal(sent.traceparent, traceparent);
    const [, got] = await received.count(2);
    assert.equal(got!.traceparent, traceparent);
    const { events } = await other.history(first._id);
    assert.equal(events[0]?.traceparent, traceparent);
  });

  test("history after an id returns the later events in order and is complete", async (open) => {
    const bus = await open();
    const sent = [];
    for (let i = 0; i < 5; i++) sent.push(await bus.publish("resource:created", { i }));
    const page = await bus.history(sent[1]!._id);
    assert.equal(page.complete, true);
    assert.deepEqual(page.events, sent.slice(2));
    assert.deepEqual(await bus.history(sent[4]!._id), { events: [], complete: true });
  });

  test("history beyond the size bound is incomplete and returns what is retained", async (open) => {
    const bus = await open({ historySize: 3 });
    const sent = [];
    for (let i = 0; i < 6; i++) sent.push(await bus.publish("ingest:update", { i }));
    const page = await bus.history(sent[0]!._id);
    assert.equal(page.complete, false);
    assert.deepEqual(page.events, sent.slice(3));
    assert.deepEqual(await bus.history(sent[3]!._id), { events: sent.slice(4), complete: true });
  });

  test("history drops events older than the age bound", async (open) => {
    const bus = await open({ historyMaxAgeMs: 200 });
    const old = await bus.publish("content:expired", {});
    // The age bound is the behaviour under test: time has to pass.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const fresh = await bus.publish("content:expired", {});
    const page = await bus.history(old._id);
    assert.equal(page.complete, false);
    assert.deepEqual(page.events, [fresh]);
  });

  test("history with a malformed id is incomplete and empty", async (open) => {
    const bus = await open();
    await bus.publish("desk", {});
    assert.deepEqual(await bus.history("not-an-id"), { events: [], complete: false });
  });

  test("an unsubscribed listener receives nothing more", async (open) => {
    const bus = await open();
    const kept = new Collector<Notification>();
    const dropped = new Collector<Notification>();
    bus.subscribe(kept.push);
    const unsubscribe = bus.subscribe(dropped.push);
    await bus.publish("a", {});
    await dropped.count(1);
    unsubscribe();
    await bus.publish("b", {});
    await kept.count(2);
    assert.deepEqual(dropped.items.map((n) => n.event), ["a"]);
  });

  test("a throwing listener does not stop delivery to the others", async (open) => {
    const bus = await open();
    const received = new Collector<Notification>();
    bus.subscribe(() => {
      throw new Error("listener bug");
    });
    bus.subscribe(received.push);
    await bus.publish("a", {});
    await bus.publish("b", {});
    assert.deepEqual((await received.count(2)).map((n) => n.event), ["a", "b"]);
  });

  test("ping reports a reachable engine and publish after close rejects", async (open) => {
    const bus = await open();
    const status = await bus.ping();
    assert.equal(status.seam, "bus");
    assert.equal(status.ok, true);
    await bus.close();
    await bus.close();
    await assert.rejects(bus.publish("a", {}), /closed/);
  });
}

type Opener = (options?: { historySize?: number; historyMaxAgeMs?: number }) => Promise<
  NotificationBus
>;
