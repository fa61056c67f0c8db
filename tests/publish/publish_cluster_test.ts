/**
 * Publishing across processes of the real binary on the shared engines: a scheduled item fires
 * once with two worker processes; an FTP destination that is down while items are published
 * receives every item version once, in order, when it returns; a worker killed with SIGKILL in
 * the middle of a transmission loses nothing, and the receiver can tell the one repeated
 * delivery by its key.
 */
import assert from "node:assert/strict";
import { engineUrl } from "../_engines.ts";
import { within } from "../notify/_collect.ts";
import { waitFor } from "../tasks/_wait_for.ts";
import type { Json } from "../newsroom/_newsroom.ts";
import { type Cluster, startCluster } from "./_cluster.ts";
import { startDedicatedFtp } from "./_dedicated_ftp.ts";
import { ftpConfig, ftpFiles, ftpRemoveDir, startHttpReceiver } from "./_receivers.ts";

const mongo = engineUrl("MONGO_URI");
const redis = engineUrl("REDIS_URL");
const ftp = engineUrl("FTP_URL");
const elastic = Deno.env.get("ELASTICSEARCH_URL");

const options = { sanitizeResources: false, sanitizeOps: false };

/** A product and an active subscriber with `destination`. */
async function subscriberWith(cluster: Cluster, destination: Json): Promise<Json> {
  const product = await cluster.json("POST", "/products", { name: `p ${crypto.randomUUID()}` });
  const created = await cluster.json("POST", "/subscribers", {
    name: `s ${crypto.randomUUID()}`,
    subscriber_type: "all",
    email: "s@example.com",
    is_active: true,
    products: [product._id],
    destinations: [destination],
  });
  return await cluster.json("GET", `/subscribers/${created._id}`);
}

Deno.test({
  name: "a scheduled item is published once with two worker processes",
  ignore: !mongo || !redis,
  ...options,
  async fn() {
    const receiver = startHttpReceiver();
    const cluster = await startCluster({ mongo: mongo!, redis: redis!, elastic }, { workers: 2 });
    try {
      await subscriberWith(cluster, {
        name: "push",
        format: "ninjs",
        delivery_type: "http_push",
        config: { resource_url: `${receiver.url}/in` },
      });
      const story = await cluster.story();
      const at = new Date(Date.now() + 3_000);
      const scheduled = await cluster.json("PATCH", `/archive/publish/${story._id}`, {
        publish_schedule: at.toISOString(),
      }, story._etag);
      assert.equal(scheduled.state, "scheduled");
      await within(receiver.until((r) => r.length >= 1), "the scheduled delivery", 30_000);
      const deliveredAt = Date.now();
      assert.ok(deliveredAt >= at.getTime(), "not before its time");
      // Two more sweeps must have run in the worker processes after the delivery.
      const sweeps = () =>
        cluster.workers.flatMap((worker) => worker.records).filter((record) =>
          record.msg === "task done" && record.task === "publish:enqueue" &&
          Date.parse(String(record.time)) > deliveredAt
        ).length;
      await waitFor("two more enqueue sweeps", () => sweeps() >= 2, { timeoutMs: 30_000 });
      assert.equal(receiver.received.length, 1, "delivered exactly once");
      const item = await cluster.json("GET", `/archive/${story._id}`);
      assert.equal(item.state, "published");
      assert.equal(JSON.parse(receiver.received[0]!.body).version, String(item._current_version));
      const entries = await cluster.queueEntries({ item_id: story._id });
      assert.equal(entries.length, 1);
      const fired = cluster.workers.map((worker) =>
        worker.records.filter((r) => r.msg === "published items queued")
          .reduce((sum, r) => sum + Number(r.items), 0)
      );
      assert.equal(fired[0]! + fired[1]!, 1, "one process routed it");
    } finally {
      await cluster.close();
      await receiver.close();
    }
  },
});

Deno.test({
  name: "an FTP outage loses nothing: every version arrives once, in order, when it returns",
  ignore: !mongo || !redis || !ftp,
  ...options,
  async fn() {
    const server = await startDedicatedFtp(ftp!);
    const path = `outage_${crypto.randomUUID().slice(0, 8)}`;
    const cluster = await startCluster({ mongo: mongo!, redis: redis!, elastic }, {
      workers: 1,
      env: { WORKERS: "2", FTP_TIMEOUT_SECONDS: "5" },
    });
    try {
      const subscriber = await subscriberWith(cluster, {
        name: "ftp",
        format: "ninjs",
        delivery_type: "ftp",
        config: ftpConfig(server.url, path),
      });
      await server.stop();
      const versions: Array<{ id: string; version: number }> = [];
      for (let i = 0; i < 4; i++) {
        const story = await cluster.story({ headline: `Outage story ${i}` });
        const published = await cluster.json(
          "PATCH",
          `/archive/publish/${story._id}`,
          {},
          story._etag,
        );
        versions.push({ id: story._id, version: published._current_version });
        const corrected = await cluster.json("PATCH", `/archive/correct/${story._id}`, {
          headline: `Outage story ${i} corrected`,
        }, published._etag);
        versions.push({ id: story._id, version: corrected._current_version });
      }
      const destination = subscriber.destinations[0]._id;
      await waitFor("retries while the server is down", async () => {
        const entries = await cluster.queueEntries({ "destination._id": destination });
        return entries.length === versions.length &&
          entries.some((entry: Json) => entry.state === "retrying" && entry.retry_attempt >= 2);
      }, { timeoutMs: 60_000, everyMs: 200 });
      const whileDown = await cluster.queueEntries({ "destination._id": destination });
      assert.equal(whileDown.filter((e: Json) => e.state === "success").length, 0);
      assert.equal(whileDown.filter((e: Json) => e.state === "failed").length, 0);
      await server.start();
      await waitFor("every entry sent", async () => {
        const entries = await cluster.queueEntries({ "destination._id": destination });
        return entries.every((entry: Json) => entry.state === "success");
      }, { timeoutMs: 60_000, everyMs: 200 });
      const entries = (await cluster.queueEntries({ "destination._id": destination }))
        .sort((a: Json, b: Json) => a.transmit_order - b.transmit_order);
      const completions = entries.map((entry: Json) => Date.parse(entry.completed_at));
      assert.deepEqual(completions, [...completions].sort((a, b) => a - b), "sent in order");
      const files = await ftpFiles(server.url, path);
      assert.equal(files.size, versions.length, [...files.keys()].join(", "));
      for (const { id, version } of versions) {
        const name = [...files.keys()].find((file) =>
          file.startsWith(`${id.replaceAll(":", "-")}-${version}-`)
        );
        assert.ok(name, `version ${version} of ${id} arrived`);
        assert.equal(JSON.parse(files.get(name)!).version, String(version));
      }
    } finally {
      await cluster.close();
      await server.start().catch(() => {});
      await ftpRemoveDir(server.url, path).catch(() => {});
      await server.stop();
    }
  },
});

Deno.test({
  name: "a worker killed with SIGKILL mid-transmission: nothing lost, the repeat carries its key",
  ignore: !mongo || !redis,
  ...options,
  async fn() {
    const receiver = startHttpReceiver();
    const cluster = await startCluster({ mongo: mongo!, redis: redis!, elastic }, {
      workers: 1,
      env: { WORKERS: "2" },
    });
    try {
      for (const path of ["/one", "/two", "/three"]) {
        await subscriberWith(cluster, {
          name: path,
          format: "ninjs",
          delivery_type: "http_push",
          config: { resource_url: `${receiver.url}${path}` },
        });
      }
      receiver.hold();
      const stories: Json[] = [];
      for (let i = 0; i < 5; i++) {
        const story = await cluster.story({ headline: `Crash story ${i}` });
        stories.push(await cluster.json("PATCH", `/archive/publish/${story._id}`, {}, story._etag));
      }
      await within(receiver.untilArrived((a) => a.length >= 1), "a transmission in flight", 30_000);
      const victim = cluster.workers[0]!;
      victim.process.kill("SIGKILL");
      await victim.exited;
      // Held by the receiver, every delivery that arrived was in flight at the kill (the
      // destinations are served in parallel, so there may be one per destination).
      const inFlight = new Set(receiver.arrivals.map((a) => a.headers["idempotency-key"]));
      cluster.workers.splice(0, 1);
      receiver.release();
      await cluster.addWorker();
      const expected = stories.length * 3;
      await waitFor("every entry sent", async () => {
        const entries = await cluster.queueEntries();
        return entries.length === expected &&
          entries.every((entry: Json) => entry.state === "success");
      }, { timeoutMs: 90_000, everyMs: 250 });
      const entries = await cluster.queueEntries();
      const arrivals = new Map<string, number>();
      for (const arrival of receiver.arrivals) {
        const key = arrival.headers["idempotency-key"]!;
        arrivals.set(key, (arrivals.get(key) ?? 0) + 1);
      }
      for (const entry of entries) {
        assert.ok(arrivals.has(entry._id), `entry ${entry._id} arrived`);
      }
      assert.equal(arrivals.size, expected, "no delivery without an entry");
      const repeated = [...arrivals].filter(([, count]) => count > 1).map(([key]) => key);
      assert.ok(repeated.length >= 1, "the delivery cut off by the kill was sent again");
      for (const key of repeated) {
        assert.ok(inFlight.has(key), `only a delivery in flight at the kill is repeated (${key})`);
        assert.equal(arrivals.get(key), 2);
      }
      for (const path of ["/one", "/two", "/three"]) {
        const order = receiver.arrivals.filter((a) => a.path === path)
          .map((a) => stories.findIndex((s) => s._id === JSON.parse(a.body).guid));
        const firsts = order.filter((index, i) => order.indexOf(index) === i);
        assert.deepEqual(firsts, [...firsts].sort((a, b) => a - b), `${path} in publish order`);
      }
    } finally {
      receiver.release();
      await cluster.close();
      await receiver.close();
    }
  },
});
