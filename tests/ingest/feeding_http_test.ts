/**
 * Each feeding service end to end over HTTP, on both stores: a provider created through the API
 * (its configuration tested against the real server), one poll, the items in `/api/ingest`.
 */
import assert from "node:assert/strict";
import { fixture, fixturePath } from "./_fixtures.ts";
import { ingestFeedFile } from "./_feed_files.ts";
import { ingestTest, items } from "./_ingest_room.ts";
import { ftpDirectory, hasFtp, hasImap, imapMailbox } from "./_servers.ts";

const guids = async (room: Parameters<Parameters<typeof ingestTest>[1]>[0]) =>
  items(await room.get("/api/ingest?max_results=50")).map((item) => item.guid).sort();

ingestTest("file: a directory of NITF and ANPA files", async (room) => {
  const dir = await Deno.makeTempDir({ prefix: "ingest_http_file_" });
  try {
    await Deno.copyFile(fixturePath("nitf_weather.xml"), `${dir}/weather.xml`);
    const nitf = await room.provider({
      name: "nitf folder",
      source: "northwind",
      feeding_service: "file",
      feed_parser: "nitf",
      config: { path: dir },
    });
    assert.equal((await room.poll(nitf._id)).stored, 1);
    await Deno.copyFile(fixturePath("anpa_storm.tst"), `${dir}/storm.tst`);
    const anpa = await room.provider({
      name: "anpa folder",
      source: "ap",
      feeding_service: "file",
      feed_parser: "anpa1312",
      config: { path: dir },
    });
    assert.equal((await room.poll(anpa._id)).stored, 1);
    const list = await guids(room);
    assert.equal(list.length, 2);
    assert.ok(list.includes("NW.2026.0106.0417"));
    assert.ok(list.some((guid: string) => guid.startsWith("urn:anpa:ap-wthr:0417:")));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

ingestTest("rss: an Atom feed over HTTP", async (room) => {
  const { result } = await ingestFeedFile(room, "atom_tech.xml", {
    source: "northwind",
    feeding_service: "rss",
  }, { etag: '"t"' });
  assert.equal(result.stored, 3);
  const list = items(await room.get("/api/ingest"));
  assert.deepEqual(list.map((item) => item.type).sort(), ["composite", "picture", "text"]);
});

ingestTest("ftp: NewsML G2 files from the FTP server, moved to _PROCESSED", async (room) => {
  if (!hasFtp()) return;
  const ftp = (await ftpDirectory())!;
  try {
    await ftp.client.store(`${ftp.path}/message.xml`, fixture("newsml_message.xml"));
    const provider = await room.provider({
      name: "ftp",
      source: "northwind",
      feeding_service: "ftp",
      feed_parser: "newsml2",
      config: { ...ftp.config, move: true },
    });
    assert.equal(provider.config.password, undefined, "the FTP password stays on the server");
    assert.equal((await room.poll(provider._id)).stored, 3);
    assert.equal((await guids(room)).length, 3);
    const processed = await ftp.client.list(`${ftp.path}/_PROCESSED`);
    assert.deepEqual(processed.map((entry) => entry.name), ["message.xml"]);
  } finally {
    await ftp.client.close();
  }
});

ingestTest("email: messages from the IMAP server", async (room) => {
  if (!hasImap()) return;
  const mail = (await imapMailbox())!;
  try {
    await mail.client.append(
      "INBOX",
      new TextEncoder().encode(
        [
          "From: Desk <desk@northwind.example>",
          "Subject: Tram line reopens",
          "Message-ID: <tram-1@northwind.example>",
          "Date: Tue, 06 Jan 2026 10:30:00 +0000",
          "",
          "The tram line reopened on Tuesday.",
          "",
        ].join("\r\n"),
      ),
    );
    const provider = await room.provider({
      name: "mail",
      source: "northwind",
      feeding_service: "email",
      config: mail.config,
    });
    assert.equal((await room.poll(provider._id)).stored, 1);
    const [item] = items(await room.get("/api/ingest"));
    assert.equal(item.headline, "Tram line reopens");
    assert.equal(item.guid, "tram-1@northwind.example");
  } finally {
    await mail.client.close();
  }
});
