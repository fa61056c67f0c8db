/**
 * Shipping logs to a central server, against real receivers on loopback: JSON lines over TCP in
 * order; a stalled server makes the bounded buffer drop (and count) its oldest lines while
 * logging and requests go on, and shipping resumes when it reads again; a server that is down
 * and comes back (and restarts later) gets the lines buffered meanwhile; GELF over UDP with
 * chunking, and a UDP server restarted on the same port.
 */
import assert from "node:assert/strict";
import { apiAppFor } from "../../src/cli/api_app.ts";
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { createLogger } from "../../src/log.ts";
import { createLogShipper, type LogServerOptions } from "../../src/logship/log_shipper.ts";
import { LogStats } from "../../src/logship/log_stats.ts";
import { createProcessLogger } from "../../src/logship/process_logger.ts";
import { registerLogMetrics } from "../../src/logship/log_metrics.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { closedPort } from "../_ports.ts";
import { waitFor } from "../tasks/_wait_for.ts";
import { gelfReceiver, tcpReceiver } from "./_receivers.ts";

const quiet = createLogger({ sink: () => {} });

function shipper(options: Partial<LogServerOptions> & { port: number }) {
  const stats = new LogStats();
  const shipping = createLogShipper(
    { address: "127.0.0.1", format: "json", bufferLines: 1000, ...options },
    { stats, log: quiet },
  );
  return { shipping, stats };
}

Deno.test("JSON lines reach a TCP log server in order", async () => {
  const receiver = tcpReceiver();
  const { shipping, stats } = shipper({ port: receiver.port });
  const records = Array.from({ length: 500 }, (_, i) => JSON.stringify({ msg: "line", i }));
  for (const record of records) shipping.push(record);
  await receiver.waitFor((line) => JSON.parse(line).i === 499);
  assert.deepEqual(receiver.lines, records);
  await shipping.close();
  assert.equal(stats.sent, 500);
  assert.equal(stats.dropped, 0);
  await receiver.close();
});

Deno.test("a stalled log server never holds requests: the buffer drops its oldest lines and counts them, and shipping resumes", async () => {
  const receiver = tcpReceiver({ stalled: true });
  const dataDir = await Deno.makeTempDir({ prefix: "superdesk_logship_" });
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_SERVER_ADDRESS: "127.0.0.1",
    LOG_SERVER_PORT: String(receiver.port),
    LOG_SERVER_BUFFER: "200",
  });
  const { log, shipper: shipping, stats } = createProcessLogger({
    level: "info",
    fields: { role: "api" },
    logServer: config.logServer,
    local: () => {},
  });
  const metrics = new MetricsRegistry();
  registerLogMetrics(metrics, stats);
  const platform = await buildPlatform(config, { log: quiet, metrics });
  const app = apiAppFor(platform, { log, metrics });
  try {
    // Fill the connection's kernel buffers: writes stall once nothing reads them.
    const padding = "x".repeat(2048);
    for (let i = 0; stats.dropped === 0; i++) {
      assert.ok(i < 100_000, "the stalled server should make the buffer overflow");
      log.info("filler", { i, padding });
      if (i % 100 === 0) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    const sentWhenStalled = stats.sent;
    // Requests log a line each; every one completes while the server reads nothing.
    for (let i = 0; i < 50; i++) {
      const response = await app.request("/health");
      assert.equal(response.status, 200);
    }
    assert.equal(stats.sent, sentWhenStalled, "nothing more could be sent");
    assert.ok(stats.buffered <= 200, `buffered ${stats.buffered}`);
    const scrape = await (await app.request("/metrics")).text();
    const dropped = Number(scrape.match(/^superdesk_log_server_dropped_total (\d+)$/m)?.[1]);
    assert.ok(dropped > 0, scrape);
    receiver.resume();
    log.info("after the stall");
    await receiver.waitFor((line) => JSON.parse(line).msg === "after the stall");
    // What arrived is whole lines, in the order they were logged, the dropped ones missing.
    const fillers = receiver.lines.map((line) => JSON.parse(line)).filter((r) =>
      r.msg === "filler"
    );
    assert.ok(fillers.every((record, i) => i === 0 || record.i > fillers[i - 1].i));
  } finally {
    await shipping?.close({ deadlineMs: 5000 });
    await platform.close();
    await receiver.close();
    await Deno.remove(dataDir, { recursive: true });
  }
});

Deno.test("lines logged while the log server is down arrive once it listens, and again after it restarts", async () => {
  const port = closedPort();
  const { shipping, stats } = shipper({ port });
  shipping.push(JSON.stringify({ msg: "while down" }));
  let receiver = tcpReceiver({ port });
  await receiver.waitFor((line) => line.includes("while down"));
  assert.equal(stats.dropped, 0);

  await receiver.close();
  await waitFor("the shipper to notice the server went away", () => !shipping.connected);
  shipping.push(JSON.stringify({ msg: "during the restart" }));
  receiver = tcpReceiver({ port });
  await receiver.waitFor((line) => line.includes("during the restart"));
  shipping.push(JSON.stringify({ msg: "after the restart" }));
  await receiver.waitFor((line) => line.includes("after the restart"));
  await shipping.close();
  await receiver.close();
});

Deno.test("GELF over UDP: fields, levels, a chunked large message, and a restarted receiver", async () => {
  let receiver = await gelfReceiver();
  const port = receiver.port;
  const { shipping } = shipper({ port, format: "gelf" });
  const log = createLogger({ fields: { role: "api" }, sink: (line) => shipping.push(line) });
  log.warn("slow request", { request_id: "4bf92f3577b34da6a3ce929d0e0e4736", ms: 1500 });
  const message = await receiver.waitFor((m) => m.short_message === "slow request");
  assert.equal(message.version, "1.1");
  assert.equal(message.level, 4);
  assert.equal(message._role, "api");
  assert.equal(message._request_id, "4bf92f3577b34da6a3ce929d0e0e4736");
  assert.equal(message._ms, 1500);
  assert.equal(typeof message.timestamp, "number");
  assert.equal(typeof message.host, "string");

  const big = "y".repeat(30_000);
  log.error("large", { big, error: new Error("boom") });
  const large = await receiver.waitFor((m) => m.short_message === "large");
  assert.equal(large._big, big);
  assert.equal(large.level, 3);
  assert.match(String(large.full_message), /Error: boom/);

  await receiver.close();
  log.info("nobody listens");
  receiver = await gelfReceiver({ port });
  log.info("back");
  await receiver.waitFor((m) => m.short_message === "back");
  await shipping.close();
  await receiver.close();
});
