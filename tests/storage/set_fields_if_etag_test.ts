/**
 * The etag compare-and-set over `setFieldsJson` that a client's PATCH and the publish queue
 * share: written on the expected etag, `ETAG_CHANGED` with nothing written on another, null when
 * nothing matches, and a refusal of the caller's own passes through.
 */
import assert from "node:assert/strict";
import { createSqliteDocumentStore } from "../../src/storage/sqlite/sqlite_document_store.ts";
import { ETAG_CHANGED, setFieldsIfEtag } from "../../src/storage/set_fields_if_etag.ts";

Deno.test("setFieldsIfEtag sets the fields only on the expected etag", async () => {
  const dir = await Deno.makeTempDir({ prefix: "superdesk_cas_" });
  const store = createSqliteDocumentStore({ path: `${dir}/documents.db` });
  try {
    const notes = store.collection("notes");
    await notes.insertMany([{ _id: "n1", _etag: "e1", text: "one" }]);
    const heads: unknown[] = [];
    const written = await setFieldsIfEtag(notes, { _id: "n1" }, {
      etag: "e1",
      change: (head) => {
        heads.push(head);
        return { text: "two", _etag: "e2" };
      },
    });
    assert.ok(written && written !== ETAG_CHANGED);
    assert.equal(written.etag, "e2");
    assert.deepEqual(JSON.parse(written.json), { _id: "n1", _etag: "e2", text: "two" });
    assert.deepEqual(heads, [{ etag: "e1", updated: undefined }]);

    const stale = await setFieldsIfEtag(notes, { _id: "n1" }, {
      etag: "e1",
      change: () => ({ text: "three" }),
    });
    assert.equal(stale, ETAG_CHANGED);
    assert.deepEqual(await notes.findOne({ _id: "n1" }), { _id: "n1", _etag: "e2", text: "two" });

    const missing = await setFieldsIfEtag(notes, { _id: "n9" }, {
      etag: "e2",
      change: () => ({ text: "four" }),
    });
    assert.equal(missing, null);

    await assert.rejects(
      setFieldsIfEtag(notes, { _id: "n1" }, {
        etag: "e2",
        change: () => {
          throw new RangeError("refused by the caller");
        },
      }),
      RangeError,
    );
    assert.deepEqual(await notes.findOne({ _id: "n1" }), { _id: "n1", _etag: "e2", text: "two" });
  } finally {
    await store.close();
    await Deno.remove(dir, { recursive: true });
  }
});
