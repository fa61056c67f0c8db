/**
 * Two api and two ws processes of the real binary on shared MongoDB and Redis: an event caused
 * through either api reaches the clients of both ws instances exactly once each.
 */
import assert from "node:assert/strict";
import { MongoClient } from "mongodb";
import { Collector } from "../notify/_collect.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { runBinary, type ServerProcess, startServer } from "../_server_process.ts";

const mongo = engineUrl("MONGO_URI");
const redis = engineUrl("REDIS_URL");

Deno.test({
  name: "events from either of two api processes reach clients of both ws processes exactly once",
  ignore: !mongo || !redis,
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const env = {
      MONGO_URI: mongo!,
      REDIS_URL: redis!,
      MONGO_DBNAME: uniqueName("multi"),
      ELASTICSEARCH_INDEX: uniqueName("multi"),
    };
    const created = await runBinary(
      [
        "users:create",
        "--username=boss",
        "--password=boss-pass-1",
        "--email=b@example.com",
        "--admin",
      ],
      env,
    );
    assert.equal(created.code, 0, created.stderr);
    const servers: ServerProcess[] = [];
    const sockets: WebSocket[] = [];
    try {
      for (const role of ["api", "api", "ws", "ws"]) {
        servers.push(await startServer([`--role=${role}`], { env, listening: [role] }));
      }
      const [api1, api2, ws1, ws2] = servers as [
        ServerProcess,
        ServerProcess,
        ServerProcess,
        ServerProcess,
      ];
      const login = await fetch(`http://127.0.0.1:${api1.ports.api}/api/auth_db`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ username: "boss", password: "boss-pass-1" }),
      });
      assert.equal(login.status, 201);
      const { token } = await login.json();

      type Frame = { event: string; extra: { _id?: string } };
      const received = [0, 1, 2].map(() => new Collector<Frame>());
      const opened: Promise<unknown>[] = [];
      for (const [i, ws] of [ws1, ws2, ws2].entries()) {
        const socket = new WebSocket(`ws://127.0.0.1:${ws.ports.ws}/?token=${token}`);
        sockets.push(socket);
        opened.push(new Promise((resolve) => socket.onopen = resolve));
        socket.onmessage = (message) => {
          const data = JSON.parse(message.data);
          if (data.event) received[i]!.push(data);
        };
      }
      await Promise.all(opened);

      const ids: string[] = [];
      for (const api of [api1, api2]) {
        const response = await fetch(`http://127.0.0.1:${api.ports.api}/api/roles`, {
          method: "POST",
          headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
          body: JSON.stringify({ name: `role-${api.ports.api}` }),
        });
        assert.equal(response.status, 201, await response.clone().text());
        ids.push((await response.json())._id);
      }
      const roleEvents = (frames: Frame[]) =>
        frames.filter((m) => m.event === "resource:created" && ids.includes(String(m.extra._id)));
      await Promise.all(
        received.map((client, i) =>
          client.until((frames) => roleEvents(frames).length >= ids.length, `client ${i}`, 10_000)
        ),
      );
      for (const client of received) {
        assert.deepEqual(roleEvents(client.items).map((m) => m.extra._id).sort(), [...ids].sort());
      }
    } finally {
      for (const socket of sockets) socket.close();
      for (const server of servers) assert.equal(await server.stop(), 0);
      const client = new MongoClient(mongo!);
      await client.db(env.MONGO_DBNAME).dropDatabase();
      await client.close();
    }
  },
});
