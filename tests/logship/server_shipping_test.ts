/**
 * `superdesk --role=all` with LOG_SERVER_ADDRESS ships the lines of every thread (the api and
 * the task worker threads) to a TCP log server of ours, counts them on /metrics, and refuses a
 * malformed setting at start.
 */
import assert from "node:assert/strict";
import { runBinary, startServer } from "../_server_process.ts";
import { tcpReceiver } from "./_receivers.ts";

Deno.test("the server ships every thread's log lines to the log server", async () => {
  const receiver = tcpReceiver();
  const server = await startServer(["--role=all"], {
    env: {
      WORKERS: "1",
      LOG_SERVER_ADDRESS: "127.0.0.1",
      LOG_SERVER_PORT: String(receiver.port),
      LOG_SERVER_FORMAT: "json",
    },
  });
  try {
    await receiver.waitFor((line) => JSON.parse(line).msg === "task worker ready");
    const health = await fetch(`http://127.0.0.1:${server.ports.api}/health`);
    assert.equal(health.status, 200);
    const request = await receiver.waitFor((line) => JSON.parse(line).path === "/health");
    assert.equal(JSON.parse(request).role, "api");
    const scrape = await (await fetch(`http://127.0.0.1:${server.ports.api}/metrics`)).text();
    const sent = Number(scrape.match(/^superdesk_log_server_sent_total (\d+)$/m)?.[1]);
    assert.ok(sent >= 2, scrape);
  } finally {
    assert.equal(await server.stop(), 0);
    await receiver.close();
  }
});

Deno.test("a malformed log server setting stops the start with a message naming it", async () => {
  const { code, stderr } = await runBinary(["--role=api"], {
    LOG_SERVER_ADDRESS: "127.0.0.1",
    LOG_SERVER_FORMAT: "syslog",
  });
  assert.equal(code, 2);
  assert.match(stderr, /LOG_SERVER_FORMAT.*json, gelf/);
});
