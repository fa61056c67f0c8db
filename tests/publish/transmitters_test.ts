/**
 * Each transmitter against a real destination on loopback: our HTTP receiver, the FTP server
 * (FTP_URL, pyftpdlib) and the SMTP server (SMTP_URL, GreenMail, read back over IMAP_URL), and a
 * temporary directory. A repeated delivery replaces the same file, 4xx answers are permanent,
 * a closed port is a retryable failure.
 */
import assert from "node:assert/strict";
import { emailTransmitter } from "../../src/publish/transmitters/email_transmitter.ts";
import { fileTransmitter } from "../../src/publish/transmitters/file_transmitter.ts";
import { ftpTransmitter } from "../../src/publish/transmitters/ftp_transmitter.ts";
import {
  httpPushTransmitter,
  signature,
} from "../../src/publish/transmitters/http_push_transmitter.ts";
import { type Delivery, TransmitError } from "../../src/publish/transmitters/transmitter.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { ftpConfig, ftpFiles, ftpRemoveDir, imapInbox, startHttpReceiver } from "./_receivers.ts";

const signal = new AbortController().signal;

function delivery(destination: Doc, overrides: Partial<Delivery> = {}): Delivery {
  return {
    key: "q1",
    itemId: "urn:newsml:localhost:2026:abc",
    itemVersion: 2,
    sequence: 7,
    text: JSON.stringify({ guid: "urn:newsml:localhost:2026:abc", headline: "Hello" }),
    mimeType: "application/json",
    extension: "json",
    destination,
    subscriber: { name: "Wire" },
    ...overrides,
  };
}

/** A loopback port nobody listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

async function rejection(promise: Promise<unknown>): Promise<TransmitError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof TransmitError, String(error));
    return error;
  }
  throw new Error("expected the delivery to fail");
}

Deno.test("HTTP push POSTs the document with its key and Superdesk's HMAC signature", async () => {
  const receiver = startHttpReceiver();
  try {
    const push = httpPushTransmitter({ timeoutMs: 5_000 });
    const destination = {
      delivery_type: "http_push",
      config: { resource_url: `${receiver.url}/items`, secret_token: "s3cret" },
    };
    await push.transmit(delivery(destination), { signal });
    assert.equal(receiver.received.length, 1);
    const [request] = receiver.received;
    assert.equal(request!.path, "/items");
    assert.equal(request!.headers["content-type"], "application/json");
    assert.equal(request!.headers["idempotency-key"], "q1");
    assert.equal(request!.body, delivery(destination).text);
    assert.equal(
      request!.headers["x-superdesk-signature"],
      await signature(delivery(destination).text, "s3cret"),
    );
    assert.match(request!.headers["x-superdesk-signature"]!, /^sha1=[0-9a-f]{40}$/);
    push.close();
  } finally {
    await receiver.close();
  }
});

Deno.test("HTTP push keeps its connection open for the next delivery; a redirect is followed", async () => {
  const ports: number[] = [];
  const paths: string[] = [];
  const server = Deno.serve(
    { hostname: "127.0.0.1", port: 0, onListen() {} },
    async (request, info) => {
      ports.push(info.remoteAddr.port);
      paths.push(new URL(request.url).pathname);
      await request.text();
      if (new URL(request.url).pathname === "/old") {
        return new Response(null, { status: 307, headers: { location: "/items" } });
      }
      return new Response(null, { status: 201 });
    },
  );
  const push = httpPushTransmitter({ timeoutMs: 5_000 });
  try {
    const base = `http://127.0.0.1:${server.addr.port}`;
    const destination = { config: { resource_url: `${base}/items`, headers: { Host: "evil" } } };
    await push.transmit(delivery(destination), { signal });
    await push.transmit(delivery(destination, { key: "q2" }), { signal });
    assert.equal(ports.length, 2);
    assert.equal(ports[0], ports[1], "the second delivery went over the same connection");
    await push.transmit(delivery({ config: { resource_url: `${base}/old` } }), { signal });
    // The redirect answer is asked again through fetch, which follows it.
    assert.deepEqual(paths, ["/items", "/items", "/old", "/old", "/items"]);
  } finally {
    push.close();
    await server.shutdown();
  }
});

Deno.test("HTTP push: a 4xx is permanent, a 5xx and a refused connection are retryable", async () => {
  const receiver = startHttpReceiver();
  try {
    const push = httpPushTransmitter({ timeoutMs: 5_000 });
    const destination = { config: { resource_url: `${receiver.url}/items` } };
    receiver.status = () => 400;
    assert.equal(
      (await rejection(push.transmit(delivery(destination), { signal }))).permanent,
      true,
    );
    receiver.status = () => 503;
    assert.equal(
      (await rejection(push.transmit(delivery(destination), { signal }))).permanent,
      false,
    );
    const down = { config: { resource_url: `http://127.0.0.1:${closedPort()}/items` } };
    assert.equal((await rejection(push.transmit(delivery(down), { signal }))).permanent, false);
    const invalid = { config: {} };
    assert.equal((await rejection(push.transmit(delivery(invalid), { signal }))).permanent, true);
    push.close();
  } finally {
    await receiver.close();
  }
});

const ftpUrl = engineUrl("FTP_URL");

Deno.test({
  name:
    "FTP uploads under a temporary name and renames; a repeat replaces the same file; paths are made",
  ignore: !ftpUrl,
  async fn() {
    const path = uniqueName("ftp_test");
    const ftp = ftpTransmitter({ timeoutMs: 10_000 });
    const destination = { delivery_type: "ftp", config: ftpConfig(ftpUrl!, path) };
    try {
      await ftp.transmit(delivery(destination), { signal });
      await ftp.transmit(delivery(destination, { text: "second" }), { signal });
      const files = await ftpFiles(ftpUrl!, path);
      assert.deepEqual([...files.keys()], ["urn-newsml-localhost-2026-abc-2-7.json"]);
      assert.equal(files.get("urn-newsml-localhost-2026-abc-2-7.json"), "second");
      const down = {
        config: { ...ftpConfig(ftpUrl!, path), port: closedPort() },
      };
      assert.equal((await rejection(ftp.transmit(delivery(down), { signal }))).permanent, false);
      const refused = { config: { ...ftpConfig(ftpUrl!, path), password: "wrong" } };
      assert.equal(
        (await rejection(ftp.transmit(delivery(refused), { signal }))).permanent,
        true,
      );
      const nested = { config: ftpConfig(ftpUrl!, `/${path}/deeper/down/`) };
      await ftp.transmit(delivery(nested, { text: "nested" }), { signal });
      const below = await ftpFiles(ftpUrl!, `${path}/deeper/down`);
      assert.deepEqual([...below], [["urn-newsml-localhost-2026-abc-2-7.json", "nested"]]);
      await ftpRemoveDir(ftpUrl!, `${path}/deeper/down`);
      await ftpRemoveDir(ftpUrl!, `${path}/deeper`);
    } finally {
      await ftpRemoveDir(ftpUrl!, path);
    }
  },
});

const smtpUrl = engineUrl("SMTP_URL");
const imapUrl = engineUrl("IMAP_URL");

Deno.test({
  name: "email sends the formatter's subject, text and HTML over SMTP to every recipient",
  ignore: !smtpUrl || !imapUrl,
  async fn() {
    const smtp = new URL(smtpUrl!);
    const mail = emailTransmitter({
      server: smtp.hostname,
      port: Number(smtp.port),
      useTls: false,
      useSsl: false,
      from: "superdesk@example.com",
      timeoutMs: 10_000,
    });
    const to = `${uniqueName("reader")}@example.com`;
    const bcc = `${uniqueName("editor")}@example.com`;
    const text = JSON.stringify({
      message_subject: "Budget passes",
      message_text: "The budget passed.",
      message_html: "<p>The budget passed.</p>",
    });
    await mail.transmit(
      delivery({ config: { recipients: to, recipients_bcc: bcc } }, { text, key: "q-mail" }),
      { signal },
    );
    const inbox = await imapInbox(imapUrl!, to);
    assert.equal(inbox.length, 1);
    assert.equal(inbox[0]!.subject, "Budget passes");
    assert.equal(inbox[0]!.messageId, "<q-mail.2@superdesk>");
    assert.equal((await imapInbox(imapUrl!, bcc)).length, 1);
    const none = await rejection(mail.transmit(delivery({ config: {} }), { signal }));
    assert.equal(none.permanent, true);
  },
});

Deno.test("email without a configured server fails permanently", async () => {
  const mail = emailTransmitter({
    port: 25,
    useTls: false,
    useSsl: false,
    from: "x@example.com",
    timeoutMs: 1_000,
  });
  const error = await rejection(
    mail.transmit(delivery({ config: { recipients: "a@example.com" } }), { signal }),
  );
  assert.equal(error.permanent, true);
  assert.match(error.message, /MAIL_SERVER/);
});

Deno.test("file writes through a temporary file into the directory; a repeat replaces it", async () => {
  const directory = await Deno.makeTempDir({ prefix: "publish_file_" });
  try {
    const file = fileTransmitter();
    const destination = { config: { file_path: directory, file_extension: "txt" } };
    await file.transmit(delivery(destination), { signal });
    await file.transmit(delivery(destination, { text: "again" }), { signal });
    const names = [...Deno.readDirSync(directory)].map((entry) => entry.name);
    assert.deepEqual(names, ["urn-newsml-localhost-2026-abc-2-7.txt"]);
    assert.equal(await Deno.readTextFile(`${directory}/${names[0]}`), "again");
    const missing = { config: { file_path: `${directory}/missing` } };
    assert.equal(
      (await rejection(file.transmit(delivery(missing), { signal }))).permanent,
      false,
    );
  } finally {
    await Deno.remove(directory, { recursive: true });
  }
});
