/**
 * The package check of `validateEmbargo` walks nested packages: packages that hold each other
 * (or themselves) end the walk, each read once, and an embargoed item behind them is still found.
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { validateEmbargo } from "../../src/publish/item_embargo.ts";
import type { Doc } from "../../src/storage/document_store.ts";

/** A package holding the items `ids`. */
function pkg(id: string, ids: string[]): Doc {
  return { _id: id, type: "composite", groups: [{ refs: ids.map((residRef) => ({ residRef })) }] };
}

/** An archive of `items` that records its reads (and refuses a 100th: a walk that never ends). */
function archiveOf(items: Doc[]) {
  const reads: string[] = [];
  const archive = {
    findOne(filter: { _id: string }) {
      reads.push(filter._id);
      if (reads.length >= 100) throw new Error(`the walk does not end: ${reads.slice(0, 6)}…`);
      return Promise.resolve(items.find((item) => item._id === filter._id) ?? null);
    },
  } as unknown as ArchiveService;
  return { archive, reads };
}

Deno.test("packages holding each other end the embargo walk, each read once", async () => {
  const a = pkg("a", ["a", "b"]);
  const { archive, reads } = archiveOf([a, pkg("b", ["a", "c"]), { _id: "c", type: "text" }]);
  await validateEmbargo(archive, a);
  assert.deepEqual(reads, ["b", "c"]);
});

Deno.test("an embargoed item behind a package cycle is still refused", async () => {
  const a = pkg("a", ["b"]);
  const { archive } = archiveOf([
    a,
    pkg("b", ["a", "c"]),
    {
      _id: "c",
      type: "text",
      embargo: "2030-01-01T00:00:00+0000",
      slugline: "s",
      unique_name: "u",
    },
  ]);
  await assert.rejects(validateEmbargo(archive, a), /Package can't have item which has embargo/);
});
