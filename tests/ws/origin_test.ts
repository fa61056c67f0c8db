/**
 * Cross-site WebSocket hijacking: upgrades from browser origins outside `X_DOMAINS` are refused
 * with a 403 JSON error before authentication; allowed origins and clients sending no `Origin`
 * (not browsers) connect. Checked on the harness and on the real `ws` role process, where a
 * token-less socket from an allowed origin is upgraded by default (the web client's policy) and
 * refused with a 401 when `WS_ALLOW_UNAUTHENTICATED=false`.
 */
import { strict as assert } from "node:assert";
import { parseAllowedOrigins } from "../../src/config/allowed_origins.ts";
import { createMemoryNotificationBus } from "../../src/notify/memory/memory_notification_bus.ts";
import { startServer } from "../_server_process.ts";
import { rawHandshake, readBody } from "./_raw_ws.ts";
import { startWsServer } from "./_ws_harness.ts";

async function statusFrom(port: number, path: string, headers: Record<string, string> = {}) {
  const answer = await rawHandshake(port, path, { headers });
  try {
    const body = answer.status === 101 ? undefined : JSON.parse(await readBody(answer));
    return { status: answer.status, head: answer.head, body };
  } finally {
    answer.conn.close();
  }
}

Deno.test("upgrades from origins outside the allow-list answer 403 JSON; allowed or no Origin connect", async () => {
  const bus = createMemoryNotificationBus({ channelName: crypto.randomUUID() });
  await using server = startWsServer({
    bus,
    allowedOrigins: parseAllowedOrigins("https://superdesk.example.com,http://localhost:9000"),
  });
  try {
    const refused = await statusFrom(server.port, "/?token=tok-alice", {
      Origin: "https://evil.example",
    });
    assert.equal(refused.status, 403);
    assert.match(refused.head, /content-type: application\/json/i);
    assert.match(refused.body._error.message, /origin https:\/\/evil\.example/);
    for (
      const headers of <Record<string, string>[]> [{ Origin: "https://superdesk.example.com" }, {
        Origin: "http://localhost:9000",
      }, {}]
    ) {
      const accepted = await statusFrom(server.port, "/?token=tok-alice", headers);
      assert.equal(accepted.status, 101, JSON.stringify(headers));
    }
    assert.match(await server.metrics.render(), /ws_upgrades_refused_total\{reason="origin"\} 1/);
  } finally {
    await bus.close();
  }
});

Deno.test("X_DOMAINS accepts * or a list of origins and refuses anything else by name", () => {
  assert.equal(parseAllowedOrigins("*"), "*");
  assert.deepEqual(parseAllowedOrigins(" https://a.example , http://b.example:8080/ "), [
    "https://a.example",
    "http://b.example:8080",
  ]);
  for (const bad of ["a.example", "https://a.example/path", "ftp:"]) {
    assert.throws(() => parseAllowedOrigins(bad), /X_DOMAINS/);
  }
});

Deno.test({
  name: "the ws role refuses a foreign Origin by default and follows X_DOMAINS",
  sanitizeResources: false,
  sanitizeOps: false,
  async fn() {
    for (
      const [env, origin, status] of [
        [{}, "https://evil.example", 403],
        [{}, "http://localhost:9000", 101],
        [{ X_DOMAINS: "*" }, "https://evil.example", 101],
        [{ WS_ALLOW_UNAUTHENTICATED: "false" }, "https://evil.example", 403],
        [{ WS_ALLOW_UNAUTHENTICATED: "false" }, "http://localhost:9000", 401],
      ] as const
    ) {
      const server = await startServer(["--role=ws"], { env, listening: ["ws"] });
      try {
        const answer = await statusFrom(server.ports.ws!, "/", { Origin: origin });
        assert.equal(answer.status, status, `${JSON.stringify(env)} ${origin}`);
      } finally {
        await server.stop();
      }
    }
  },
});
