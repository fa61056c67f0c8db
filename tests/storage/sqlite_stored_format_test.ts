/**
 * The SQLite store's stored text: dates are written with the ASCII escape of their marker (rows
 * of ASCII documents stay ASCII), rows written before with the raw marker still read and query
 * the same, and opening such a database rewrites them once.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import type { Doc } from "../../src/storage/document_store.ts";
import { decodeJson, encodeJson } from "../../src/storage/sqlite/json_codec.ts";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { STORED_FORMAT_VERSION } from "../../src/storage/sqlite/stored_format.ts";

const RAW_MARKER = "\u{10FFFF}";
const day = (n: number) => new Date(Date.UTC(2024, 0, n));

async function withPath(body: (path: string) => Promise<void>) {
  const dir = await Deno.makeTempDir({ prefix: "docstore_format_" });
  try {
    await body(`${dir}/documents.db`);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

function rowTexts(path: string): string[] {
  const db = new DatabaseSync(path);
  try {
    return (db.prepare("SELECT doc FROM items ORDER BY id").all() as Array<{ doc: string }>)
      .map((row) => row.doc);
  } finally {
    db.close();
  }
}

/** Rewrites the rows as the previous format wrote them: the raw marker, `user_version` 0. */
function downgrade(path: string): void {
  const db = new DatabaseSync(path);
  try {
    db.exec(`UPDATE items SET doc = replace(doc, '\\udbff\\udfff', '${RAW_MARKER}')`);
    db.exec("PRAGMA user_version = 0");
  } finally {
    db.close();
  }
}

/** Reads and queries that must answer the same on either format. */
async function assertReadsDates(path: string) {
  const store = createSqliteDocumentStore({ path });
  try {
    const items = store.collection("items");
    const one = await items.findOne({ _id: "i3" });
    assert.ok(one?.updated instanceof Date);
    assert.equal((one.updated as Date).toISOString(), day(3).toISOString());
    assert.deepEqual(one.history, [day(1), "text"]);
    const since = await items.find({ updated: { $gte: day(8) } }, { sort: [["updated", -1]] });
    assert.deepEqual(since.map((doc) => doc._id), ["i9", "i8"]);
    assert.equal(await items.count({ updated: { $lt: day(3) } }), 2);
    assert.equal(await items.count({ updated: day(5) }), 1);
    assert.equal(await items.count({ title: { $gte: "item" } }), 9, "strings still exclude dates");
    assert.equal(await items.count({ updated: { $gte: "a" } }), 0, "dates still exclude strings");
  } finally {
    await store.close();
  }
}

async function seed(path: string) {
  const store = createSqliteDocumentStore({ path });
  try {
    const items = store.collection("items");
    await items.ensureIndexes([{ name: "updated_1", keys: { updated: 1 } }]);
    await items.insertMany(
      Array.from({ length: 9 }, (_, i) => ({
        _id: `i${i + 1}`,
        title: `item ${i + 1}`,
        updated: day(i + 1),
        history: [day(1), "text"],
      })),
    );
  } finally {
    await store.close();
  }
}

Deno.test("sqlite stored format: dates are stored as ASCII escapes, documents round-trip", async () => {
  await withPath(async (path) => {
    await seed(path);
    for (const text of rowTexts(path)) {
      assert.match(text, /^[\x20-\x7e]*$/, text);
      assert.ok(text.includes(`"updated":"\\udbff\\udfff2024-01-`), text);
    }
    const store = createSqliteDocumentStore({ path });
    try {
      const items = store.collection("items");
      const odd = { _id: "odd", title: `a${RAW_MARKER}b`, when: day(2) };
      await items.insertMany([odd]);
      assert.deepEqual(await items.findOne({ _id: "odd" }), odd);
      await assert.rejects(
        () => items.insertMany([{ _id: "bad", title: `${RAW_MARKER}2024-01-01T00:00:00.000Z` }]),
        /may not start with the character U\+10FFFF/,
      );
    } finally {
      await store.close();
    }
    await assertReadsDates(path);
  });
});

Deno.test("sqlite stored format: a database of the previous format reads the same and is upgraded once", async () => {
  await withPath(async (path) => {
    await seed(path);
    downgrade(path);
    assert.ok(rowTexts(path).every((text) => text.includes(RAW_MARKER)));
    await assertReadsDates(path);
    assert.ok(rowTexts(path).every((text) => !text.includes(RAW_MARKER)));
    const db = new DatabaseSync(path);
    try {
      const { user_version } = db.prepare("PRAGMA user_version").get() as { user_version: number };
      assert.equal(user_version, STORED_FORMAT_VERSION);
    } finally {
      db.close();
    }
  });
});

Deno.test("sqlite stored format: rows another writer adds with the raw marker read and query as dates", async () => {
  await withPath(async (path) => {
    await seed(path);
    const store = createSqliteDocumentStore({ path });
    const old = new DatabaseSync(path);
    try {
      old.prepare("INSERT INTO items (id, doc) VALUES (?, ?)").run(
        "legacy",
        JSON.stringify({ _id: "legacy", updated: `${RAW_MARKER}2025-06-01T00:00:00.000Z` }),
      );
      const items = store.collection("items");
      const doc = await items.findOne({ _id: "legacy" });
      assert.ok(doc?.updated instanceof Date);
      assert.equal((doc.updated as Date).toISOString(), "2025-06-01T00:00:00.000Z");
      const newest = await items.find({ updated: { $gt: day(9) } });
      assert.deepEqual(newest.map((found) => found._id), ["legacy"]);
    } finally {
      old.close();
      await store.close();
    }
  });
});

Deno.test("sqlite stored format: dates of years 0–9999 and beyond, and before 1970, decode to the same instant", () => {
  const instants = [
    -62_167_219_200_000, // 0000-01-01T00:00:00.000Z
    -62_167_219_200_001, // -000001-12-31T23:59:59.999Z (not the fixed form)
    -1,
    0,
    951_782_400_000, // 2000-02-29
    4_107_542_399_999, // 2100-02-28T23:59:59.999Z
    1_764_900_000_123,
    253_402_300_799_999, // 9999-12-31T23:59:59.999Z
    253_402_300_800_000, // +010000-01-01 (not the fixed form)
  ];
  for (let ms = -40_000_000_000_000; ms < 200_000_000_000_000; ms += 86_399_999_937) {
    instants.push(ms);
  }
  for (const ms of instants) {
    const decoded = decodeJson(encodeJson({ at: new Date(ms), list: [{ at: new Date(ms) }] }));
    assert.equal((decoded.at as Date).getTime(), ms, new Date(ms).toISOString());
    assert.equal(((decoded.list as Doc[])[0]!.at as Date).getTime(), ms);
  }
});
