import { linesOf } from "../_lines.ts";
import { strict as assert } from "node:assert";
import { createClient } from "redis";
import { engineUrl, uniqueName } from "../_engines.ts";
import { within } from "../notify/_collect.ts";
import { connectClient, type TestClient } from "./_ws_harness.ts";

const url = engineUrl("REDIS_URL");

/** A child `deno run` process speaking JSON lines on stdin and stdout. */
interface Child {
  send(value: unknown): Promise<void>;
  next(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

function spawnChild(entry: string, env: Record<string, string>): Child {
  const process = new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-net", "--allow-env", "--allow-read", "--allow-sys", entry],
    cwd: new URL("../../", import.meta.url).pathname,
    env,
    stdin: "piped",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  const writer = process.stdin.getWriter();
  const reader = linesOf(process.stdout).getReader();
  return {
    send: (value) => writer.write(new TextEncoder().encode(JSON.stringify(value) + "\n")),
    async next() {
      const { value, done } = await within(reader.read(), `a line from ${entry}`);
      if (done) throw new Error(`${entry} exited`);
      return JSON.parse(value);
    },
    async stop() {
      await writer.close().catch(() => {});
      await reader.cancel().catch(() => {});
      await process.status;
    },
  };
}

Deno.test({
  name:
    "an event from either of two publishers reaches the clients of both ws instances exactly once",
  ignore: !url,
  async fn() {
    const prefix = uniqueName("test:notify:multi");
    const env = { REDIS_URL: url!, NOTIFY_PREFIX: prefix };
    const entry = (name: string) => new URL(name, import.meta.url).pathname;
    const wsServers = [0, 1].map(() => spawnChild(entry("_ws_server_entry.ts"), env));
    const publishers = [0, 1].map(() => spawnChild(entry("_publisher_entry.ts"), env));
    const clients: TestClient[] = [];
    try {
      const ports = await Promise.all(wsServers.map(async (child) => (await child.next()).port));
      await Promise.all(publishers.map((child) => child.next()));
      for (const port of ports) {
        for (const user of ["alice", "bob"]) {
          clients.push(await connectClient(`ws://127.0.0.1:${port}/?token=tok-${user}`));
        }
      }
      // A ping proves the server registered the client, so no event can precede it.
      await Promise.all(
        clients.map((c) => c.frames.until((f) => f.some((x) => "ping" in x), "a ping")),
      );
      const published = [];
      for (let i = 0; i < 6; i++) {
        const publisher = publishers[i % 2]!;
        await publisher.send({ event: `event-${i}`, extra: { i } });
        published.push(await publisher.next());
      }
      for (const [i, publisher] of publishers.entries()) {
        await publisher.send({ event: `end-${i}`, extra: {} });
        published.push(await publisher.next());
      }
      const expected = published.map((n) => n._id).sort();
      for (const client of clients) {
        const events = await client.frames.until(
          (frames) => ["end-0", "end-1"].every((end) => frames.some((f) => f.event === end)),
          "both end events",
          10_000,
        );
        const ids = events.filter((f) => "event" in f).map((f) => String(f._id)).sort();
        assert.deepEqual(ids, expected);
      }
    } finally {
      await Promise.all(clients.map((client) => client[Symbol.asyncDispose]()));
      await Promise.all([...wsServers, ...publishers].map((child) => child.stop()));
      const admin = createClient({ url });
      await admin.connect();
      await admin.del(`${prefix}:stream`);
      await admin.close();
    }
  },
});
