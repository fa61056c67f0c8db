import assert from "node:assert/strict";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { SESSION_ENDED_CLOSE_CODE } from "../../src/notify/session_end_event.ts";
import { wsIdentityOf } from "../../src/cli/ws_role.ts";
import { createWsApp } from "../../src/ws/ws_app.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";

Deno.test({
  name: "logging out closes that session's WebSocket with 4001 and refuses its token",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    const app = await createTestApp();
    const ws = createWsApp({
      bus: app.platform.bus,
      authenticate: wsIdentityOf(app.platform),
      metrics: new MetricsRegistry(),
    });
    const server = Deno.serve({ port: 0, hostname: "127.0.0.1", onListen() {} }, ws.app.fetch);
    try {
      const user = await loginAs(app, { username: "writer" });
      const session = (await (await user.get("/api/sessions")).json())._items[0];
      const url = `ws://127.0.0.1:${server.addr.port}/?token=${user.token}`;
      const socket = new WebSocket(url);
      await new Promise((resolve) => socket.onopen = resolve);
      const closed = new Promise<CloseEvent>((resolve) => socket.onclose = resolve);
      assert.equal((await user.delete(`/api/auth/${session._id}`)).status, 204);
      const event = await closed;
      assert.equal(event.code, SESSION_ENDED_CLOSE_CODE);
      const again = await fetch(url.replace("ws:", "http:"), {
        headers: {
          Upgrade: "websocket",
          Connection: "Upgrade",
          "Sec-WebSocket-Version": "13",
          "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==",
        },
      });
      assert.equal(again.status, 401);
      await again.body?.cancel();
    } finally {
      await ws.close();
      await server.shutdown();
      await app.close();
    }
  },
});
