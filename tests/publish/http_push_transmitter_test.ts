/**
 * HTTP push against raw loopback servers that record each request head as sent: credentials in
 * the destination URL become `Authorization: Basic` (never the request target nor an error
 * message), and a push under way survives its origin being the least recently used when more
 * origins than are kept get pushes; closing the transmitters closes the kept connections.
 */
import assert from "node:assert/strict";
import { httpPushTransmitter } from "../../src/publish/transmitters/http_push_transmitter.ts";
import { type Delivery, TransmitError } from "../../src/publish/transmitters/transmitter.ts";
import { createFileMediaStorage } from "../../src/media/file_media_storage.ts";
import { createTransmitters } from "../../src/publish/transmitters/transmitters.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { okAnswer, startRawHttpServer } from "../_raw_http_server.ts";

const signal = new AbortController().signal;

function delivery(config: Doc, key = "q1"): Delivery {
  return {
    key,
    itemId: "urn:newsml:localhost:2026:abc",
    itemVersion: 1,
    sequence: 1,
    text: JSON.stringify({ headline: "Hello" }),
    mimeType: "application/json",
    extension: "json",
    destination: { delivery_type: "http_push", config },
    subscriber: { name: "Wire" },
  };
}

/** The header `name` of a recorded request head (lower-case names). */
function header(head: string, name: string): string | undefined {
  const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line?.slice(name.length + 1).trim();
}

Deno.test("HTTP push sends URL credentials as Basic authorization, not in the request target", async () => {
  const server = startRawHttpServer(() => okAnswer("{}"));
  const push = httpPushTransmitter({ timeoutMs: 5_000 });
  try {
    const url = `http://wire%40user:p%C3%A4ss%3Aw@${server.url.host}/items?x=1`;
    await push.transmit(delivery({ resource_url: url }), { signal });
    const [head] = server.heads;
    assert.equal(head!.split("\r\n")[0], "POST /items?x=1 HTTP/1.1");
    const expected = new TextEncoder().encode("wire@user:päss:w");
    assert.equal(
      header(head!, "authorization"),
      `Basic ${btoa(String.fromCharCode(...expected))}`,
    );
    assert.equal(header(head!, "host"), server.url.host);
    // Configured headers win over the URL's credentials.
    const headers = { authorization: "Bearer t0ken" };
    await push.transmit(delivery({ resource_url: url, headers }, "q2"), { signal });
    assert.equal(header(server.heads[1]!, "authorization"), "Bearer t0ken");
    assert.equal(server.heads[1]!.match(/^authorization:/gim)?.length, 1);
  } finally {
    push.close();
    await server.close();
  }
});

Deno.test("HTTP push error messages leave out the URL's credentials", async () => {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  const push = httpPushTransmitter({ timeoutMs: 5_000 });
  try {
    const url = `http://user:s3cret@127.0.0.1:${port}/items`;
    const error = await push.transmit(delivery({ resource_url: url }), { signal }).then(
      () => assert.fail("the push to a closed port succeeded"),
      (error) => error,
    );
    assert.ok(error instanceof TransmitError, String(error));
    assert.match(
      error.message,
      new RegExp(`^Error pushing item to http://127\\.0\\.0\\.1:${port}/`),
    );
    assert.doesNotMatch(error.message, /s3cret|user/);
  } finally {
    push.close();
  }
});

Deno.test("HTTP push keeps a push under way when more origins than are kept get pushes", async () => {
  let release!: () => void;
  const released = new Promise<void>((resolve) => release = resolve);
  let arrived!: () => void;
  const arrival = new Promise<void>((resolve) => arrived = resolve);
  const slow = startRawHttpServer(async () => {
    arrived();
    await released;
    return okAnswer("{}");
  });
  // One origin more than the transmitter keeps (64), so one pool must be closed.
  const others = Array.from({ length: 64 }, () => startRawHttpServer(() => okAnswer("{}")));
  const push = httpPushTransmitter({ timeoutMs: 30_000 });
  try {
    const outcome = push.transmit(delivery({ resource_url: `${slow.url.origin}/items` }), {
      signal,
    }).then(() => "sent", (error) => String(error));
    await arrival;
    for (const other of others) {
      await push.transmit(delivery({ resource_url: `${other.url.origin}/items` }), { signal });
    }
    release();
    assert.equal(await outcome, "sent");
    assert.equal(slow.heads.length, 1, "the slow push was sent once");
    // The least recently used idle origin was closed instead.
    await others[0]!.closedBy(1);
  } finally {
    release();
    push.close();
    await Promise.all([slow, ...others].map((server) => server.close()));
  }
});

Deno.test("closing the transmitters closes HTTP push's kept connections", async () => {
  const dir = await Deno.makeTempDir();
  const server = startRawHttpServer(() => okAnswer("{}"));
  const transmitters = createTransmitters({
    httpTimeoutMs: 5_000,
    ftpTimeoutMs: 5_000,
    mail: { port: 25, useTls: false, useSsl: false, from: "news@localhost", timeoutMs: 5_000 },
    media: createFileMediaStorage(dir),
    publishedCopy: () => Promise.resolve(undefined),
  });
  try {
    const push = transmitters.byType.get("http_push")!;
    await push.transmit(delivery({ resource_url: `${server.url.origin}/items` }), { signal });
    assert.equal(server.connections, 1);
    transmitters.close();
    await server.closedBy(1);
  } finally {
    transmitters.close();
    await server.close();
    await Deno.remove(dir, { recursive: true });
  }
});
