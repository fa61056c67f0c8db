import assert from "node:assert/strict";
import { emailService } from "../../../src/ingest/feeding/email_feed_service.ts";
import { fileService } from "../../../src/ingest/feeding/file_feed_service.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { nitfParser } from "../../../src/ingest/parsers/nitf_parser.ts";
import { fixturePath } from "../_fixtures.ts";
import { pollOnce } from "../_poll.ts";
import { hasImap, imapMailbox } from "../_servers.ts";

const test = (name: string, fn: () => Promise<void>, ignore = false) =>
  Deno.test({ name, ignore, sanitizeResources: false, sanitizeOps: false, fn });

test("file: files are parsed and moved aside into _PROCESSED and _ERROR", async () => {
  const dir = await Deno.makeTempDir({ prefix: "ingest_file_" });
  try {
    await Deno.copyFile(fixturePath("nitf_weather.xml"), `${dir}/weather.xml`);
    await Deno.copyFile(fixturePath("nitf_no_body.xml"), `${dir}/bad.xml`);
    await Deno.writeTextFile(`${dir}/readme.md`, "ignored");
    const provider = { config: { path: dir } };
    const polled = await pollOnce(fileService, provider, { parser: nitfParser });
    assert.deepEqual(polled.items.map((item) => item.guid), ["NW.2026.0106.0417"]);
    assert.deepEqual(polled.problems.map((problem) => problem.code), [1006]);
    const list = async (path: string) =>
      (await Array.fromAsync(Deno.readDir(path))).map((entry) => entry.name).sort();
    assert.deepEqual(await list(dir), ["_ERROR", "_PROCESSED", "readme.md"]);
    assert.deepEqual(await list(`${dir}/_PROCESSED`), ["weather.xml"]);
    assert.deepEqual(await list(`${dir}/_ERROR`), ["bad.xml"]);
    assert.deepEqual((await pollOnce(fileService, provider, { parser: nitfParser })).batches, []);
    await assert.rejects(fileService.test({ config: { path: `${dir}/nope` } }, nitfParser), (e) => {
      assert.ok(e instanceof IngestError);
      return e.code === 3003;
    });
    await assert.rejects(
      fileService.test({ config: { path: `${dir}/readme.md` } }, nitfParser),
      (e) => {
        assert.ok(e instanceof IngestError);
        return e.code === 3004;
      },
    );
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

function message(id: string, subject: string, body: string): Uint8Array {
  return new TextEncoder().encode(
    [
      "From: Northwind Desk <desk@northwind.example>",
      `Subject: ${subject}`,
      `Message-ID: <${id}@northwind.example>`,
      "Date: Tue, 06 Jan 2026 10:30:00 +0000",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      body,
      "",
    ].join("\r\n"),
  );
}

test("email: unseen messages become items, each is marked seen once stored", async () => {
  const mail = (await imapMailbox())!;
  try {
    await mail.client.append("INBOX", message("m1", "Harbour reopens", "The harbour reopened."));
    await mail.client.append("INBOX", new TextEncoder().encode("Subject: no sender\r\n\r\nx\r\n"));
    await mail.client.append("INBOX", message("m3", "Ferry resumes", "First line.\r\n\r\nSecond."));
    const provider = { config: mail.config };
    const polled = await pollOnce(emailService, provider);
    assert.deepEqual(polled.items.map((item) => item.headline), [
      "Harbour reopens",
      "Ferry resumes",
    ]);
    assert.deepEqual(polled.items.map((item) => item.guid), [
      "m1@northwind.example",
      "m3@northwind.example",
    ]);
    assert.equal(polled.items[1]!.body_html, "<p>First line.</p><p>Second.</p>");
    assert.deepEqual(polled.problems.map((problem) => problem.code), [6001]);
    await mail.client.select("INBOX");
    assert.deepEqual(await mail.client.search("UNSEEN"), []);
    assert.deepEqual((await pollOnce(emailService, provider)).batches, []);
    await emailService.test(provider, undefined);
    await assert.rejects(
      emailService.test({ config: { ...mail.config, port: "1" } }, undefined),
      (e) => {
        assert.ok(e instanceof IngestError);
        return e.code === 6003;
      },
    );
  } finally {
    await mail.client.close();
  }
}, !hasImap());
