/**
 * The export's zip download beyond what Superdesk's export.feature checks: every entry can be
 * read back, whatever the slugline, and its URL cannot be worked out from other media ids.
 */
import assert from "node:assert/strict";
import { createTestApp, type TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";

/** Exports `item` as a zip; the item created, the download's media id and its bytes. */
async function exportZip(app: TestApp, item: Record<string, unknown>) {
  const admin = await loginAs(app, { username: "exporter", admin: true });
  const created = await (await admin.post("/api/archive", { type: "text", ...item })).json();
  const response = await admin.post("/api/export", {
    item_ids: [created._id],
    format_type: "NINJSFormatter",
  });
  assert.equal(response.status, 201);
  const url = new URL((await response.json()).url);
  const download = await admin.get(url.pathname + url.search);
  assert.equal(download.status, 200);
  return {
    created,
    id: url.pathname.split("/").pop()!,
    zip: new DataView(await download.arrayBuffer()),
  };
}

/** The entries as the central directory lists them (name, DOS date), each checked at its offset. */
function centralEntries(zip: DataView): Array<{ name: string; month: number }> {
  const end = zip.byteLength - 22;
  assert.equal(zip.getUint32(end, true), 0x06054b50);
  const decode = (at: number, length: number) =>
    new TextDecoder().decode(new Uint8Array(zip.buffer, at, length));
  const entries = [];
  let at = zip.getUint32(end + 16, true);
  for (let n = zip.getUint16(end + 10, true); n > 0; n--) {
    assert.equal(zip.getUint32(at, true), 0x02014b50, "a central directory entry");
    const nameLength = zip.getUint16(at + 28, true);
    const local = zip.getUint32(at + 42, true);
    assert.equal(zip.getUint32(local, true), 0x04034b50, "its local header");
    assert.equal(decode(local + 30, zip.getUint16(local + 26, true)), decode(at + 46, nameLength));
    entries.push({
      name: decode(at + 46, nameLength),
      month: (zip.getUint16(at + 14, true) >> 5) & 15,
    });
    at += 46 + nameLength + zip.getUint16(at + 30, true) + zip.getUint16(at + 32, true);
  }
  return entries;
}

Deno.test("POST /api/export of an item with a 70,000-character slugline answers a readable zip", async () => {
  const app = await createTestApp();
  try {
    const { created, zip } = await exportZip(app, { slugline: "ž".repeat(70_000) });
    const [entry, ...rest] = centralEntries(zip);
    assert.equal(rest.length, 0);
    assert.ok(new TextEncoder().encode(entry!.name).length <= 255, "a name file systems take");
    // Superdesk's `<slugline>_<unique_id>.txt`, the slugline cut.
    assert.ok(Number.isInteger(created.unique_id), JSON.stringify(created.unique_id));
    assert.match(entry!.name, new RegExp(`^ž+_${created.unique_id}\\.txt$`));
    assert.ok(entry!.month >= 1 && entry!.month <= 12, "a valid DOS date");
  } finally {
    await app.close();
  }
});

Deno.test("an export's download id is not in the sequence of the media ids stored around it", async () => {
  const app = await createTestApp();
  try {
    const media = app.platform.services.media;
    const stored = () =>
      media.put(new Uint8Array([1]), { contentType: "text/plain", filename: "a" });
    const before = (await stored())._id;
    const { id } = await exportZip(app, { slugline: "s" });
    const after = (await stored())._id;
    assert.ok(!(before < id && id < after), `${before} < ${id} < ${after}`);
  } finally {
    await app.close();
  }
});
