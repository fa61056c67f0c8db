import assert from "node:assert/strict";
import { ftpService } from "../../../src/ingest/feeding/ftp_feed_service.ts";
import { IngestError } from "../../../src/ingest/ingest_error.ts";
import { newsmlG2Parser } from "../../../src/ingest/parsers/newsml_g2_parser.ts";
import { ninjsParser } from "../../../src/ingest/parsers/ninjs_parser.ts";
import { fixture } from "../_fixtures.ts";
import { pollOnce } from "../_poll.ts";
import { ftpDirectory, hasFtp } from "../_servers.ts";

const test = (name: string, fn: () => Promise<void>) =>
  Deno.test({ name, ignore: !hasFtp(), sanitizeResources: false, sanitizeOps: false, fn });

const names = async (ftp: NonNullable<Awaited<ReturnType<typeof ftpDirectory>>>, path: string) =>
  (await ftp.client.list(path)).map((entry) => entry.name).sort();

test("ftp: files are parsed and moved to _PROCESSED, bad ones to _ERROR; others are ignored", async () => {
  const ftp = (await ftpDirectory())!;
  try {
    await ftp.client.store(`${ftp.path}/a_message.xml`, fixture("newsml_message.xml"));
    await ftp.client.store(`${ftp.path}/b_broken.xml`, fixture("rss_not_xml.xml"));
    await ftp.client.store(`${ftp.path}/c_notes.txt`, new TextEncoder().encode("not for ingest"));
    const provider = { source: "Northwind", config: { ...ftp.config, move: true } };
    const polled = await pollOnce(ftpService, provider, { parser: newsmlG2Parser });
    assert.deepEqual(polled.batches, ["a_message.xml", "b_broken.xml"]);
    assert.equal(polled.items.length, 3);
    assert.deepEqual(polled.problems.map((problem) => problem.code), [1005]);
    assert.deepEqual(await names(ftp, ftp.path), ["_ERROR", "_PROCESSED", "c_notes.txt"]);
    assert.deepEqual(await names(ftp, `${ftp.path}/_PROCESSED`), ["a_message.xml"]);
    assert.deepEqual(await names(ftp, `${ftp.path}/_ERROR`), ["b_broken.xml"]);
    const again = await pollOnce(ftpService, provider, { parser: newsmlG2Parser });
    assert.deepEqual(again.batches, []);
  } finally {
    await ftp.client.close();
  }
});

test("ftp: with delete the files are removed; allowed_extension picks the files", async () => {
  const ftp = (await ftpDirectory())!;
  try {
    await ftp.client.store(`${ftp.path}/story.ninjs`, fixture("ninjs_story.json"));
    await ftp.client.store(`${ftp.path}/page.json`, fixture("ninjs_page.json"));
    const provider = { config: { ...ftp.config, delete: true, allowed_extension: "ninjs" } };
    const polled = await pollOnce(ftpService, provider, { parser: ninjsParser });
    assert.deepEqual(polled.batches, ["story.ninjs"]);
    assert.equal(polled.items.length, 2);
    assert.deepEqual(await names(ftp, ftp.path), ["page.json"]);
  } finally {
    await ftp.client.close();
  }
});

test("ftp: without move or delete, files already processed are skipped by modification time", async () => {
  const ftp = (await ftpDirectory())!;
  try {
    await ftp.client.store(`${ftp.path}/one.xml`, fixture("newsml_message.xml"));
    const provider = { config: { ...ftp.config } };
    const first = await pollOnce(ftpService, provider, { parser: newsmlG2Parser });
    assert.deepEqual(first.batches, ["one.xml"]);
    assert.ok(first.state.last_processed_file_modify instanceof Date);
    const older = new Date(+first.state.last_processed_file_modify + 1000);
    const second = await pollOnce(ftpService, provider, {
      parser: newsmlG2Parser,
      state: { last_processed_file_modify: older },
    });
    assert.deepEqual(second.batches, []);
    assert.deepEqual(await names(ftp, ftp.path), ["one.xml"]);
  } finally {
    await ftp.client.close();
  }
});

test("ftp: wrong credentials are 5002, an unreachable host 5003, and the test reports them", async () => {
  const ftp = (await ftpDirectory())!;
  try {
    const code = async (config: Record<string, unknown>) => {
      try {
        await ftpService.test({ config }, newsmlG2Parser);
        return 0;
      } catch (error) {
        assert.ok(error instanceof IngestError, String(error));
        return error.code;
      }
    };
    assert.equal(await code(ftp.config), 0);
    assert.equal(await code({ ...ftp.config, password: "wrong" }), 5002);
    assert.equal(await code({ ...ftp.config, port: "1" }), 5003);
  } finally {
    await ftp.client.close();
  }
});
