/**
 * The embedded index rewrites only what a new version of a document changed (value rows per
 * path, analysed text per field): after a series of updates, the document's rows must be exactly
 * those of the same last version indexed afresh. Read from the tables, so a row the diff forgot
 * to write or remove fails here even where no query of the contract looks.
 */
import assert from "node:assert/strict";
import { DatabaseSync } from "node:sqlite";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import type { SearchDoc } from "../../src/search/search_index.ts";
import { itemMapping, items } from "./_search_fixtures.ts";

/** The value rows and analysed texts of document `id` in the live index of `prefix`. */
function rowsOf(path: string, prefix: string, id: string) {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const { name } = db.prepare(
      `SELECT name FROM "${prefix}__indexes" WHERE resource = 'stories' AND role = 'live'`,
    ).get() as { name: string };
    const { rid } = db.prepare(`SELECT rid FROM "${name}" WHERE id = ?`).get(id) as {
      rid: number;
    };
    const values = db.prepare(
      `SELECT path, quote(val) AS val FROM "${name}__v" WHERE rid = ? ORDER BY path, val`,
    ).all(rid).map((row) => `${row.path}=${row.val}`);
    const texts = db.prepare(
      `SELECT id - ? AS k, c0 AS body FROM "${name}__fts_content" WHERE id BETWEEN ? AND ?
       ORDER BY id`,
    ).all(rid * 256, rid * 256, rid * 256 + 255).map((row) => `${row.k}:${row.body}`);
    return { values, texts };
  } finally {
    db.close();
  }
}

Deno.test("an updated document's index rows equal those of its last version indexed afresh", async () => {
  const dir = await Deno.makeTempDir({ prefix: "update_rows_" });
  const path = `${dir}/search.db`;
  const updated = createSqliteSearchIndex({ path, prefix: "upd" });
  const fresh = createSqliteSearchIndex({ path, prefix: "new" });
  try {
    await updated.ensureIndex("stories", itemMapping);
    await fresh.ensureIndex("stories", itemMapping);
    const [first] = items();
    const versions: SearchDoc[] = [
      first!,
      // A state change: values change, text does not.
      { ...first!, state: "published", urgency: 3, _etag: "e2" },
      // Subjects reordered and replaced, a new headline, the same body; a date as a Date.
      {
        ...first!,
        state: "corrected",
        _etag: "e3",
        headline: "Slow grey fox",
        subject: [{ qcode: "fresh", name: "Fresh" }, ...(first!.subject as unknown[])],
        versioncreated: new Date("2024-03-01T10:00:00.000Z"),
      },
      // A new body, a field gone, the date as the same instant in text.
      {
        ...first!,
        state: "corrected",
        _etag: "e4",
        headline: "Slow grey fox",
        body_html: "<p>Another body, with U.S. words: o'neil's 1,000.5</p>",
        slugline: undefined,
        subject: [{ qcode: "fresh", name: "Fresh" }],
        versioncreated: "2024-03-01T10:00:00.000Z",
      },
    ];
    for (const version of versions) await updated.index("stories", [version]);
    await fresh.index("stories", [versions.at(-1)!]);
    const after = rowsOf(path, "upd", "a1");
    const expected = rowsOf(path, "new", "a1");
    assert.ok(expected.values.length > 5);
    assert.ok(expected.texts.length > 1);
    assert.deepEqual(after, expected);
  } finally {
    await updated.close();
    await fresh.close();
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("after edits, wildcards find the words each edit brought and the words it kept", async () => {
  const dir = await Deno.makeTempDir({ prefix: "update_rows_" });
  const index = createSqliteSearchIndex({ path: `${dir}/search.db`, prefix: "upd" });
  try {
    await index.ensureIndex("stories", itemMapping);
    const [first] = items();
    const edits = [
      "<p>The fox is quick</p>",
      "<p>The fox is quick and nimble</p>",
      "<p>Nimble fox</p>",
    ];
    for (const [i, body_html] of edits.entries()) {
      await index.index("stories", [{ ...first!, body_html, _etag: `e${i}` }]);
    }
    const found = async (query: string) =>
      (await index.search(["stories"], {
        query: { query_string: { query, default_field: "body_html" } },
      }))
        .hits.map((hit) => hit._id);
    assert.deepEqual(await found("nimb*"), ["a1"]);
    assert.deepEqual(await found("fo*"), ["a1"]);
    assert.deepEqual(await found("quic*"), []);
  } finally {
    await index.close();
    await Deno.remove(dir, { recursive: true });
  }
});
