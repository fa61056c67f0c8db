/**
 * An open rebuild of the embedded index: `write()` copies documents into the new tables except
 * where a live write has put a newer copy already; `finish()` swaps the alias and drops the
 * old tables in one transaction; `abort()` drops the new tables.
 */
import type { DatabaseSync } from "node:sqlite";
import { type Rebuild, SearchIndexWriteError } from "../search_index.ts";
import { attempt } from "./_attempt.ts";
import type { Catalog } from "./sqlite_catalog.ts";
import { type IndexLayout, writeDocs } from "./sqlite_tables.ts";

/** Wraps the open rebuild of `resource` into `target`. */
export function sqliteRebuild(
  db: DatabaseSync,
  catalog: Catalog,
  resource: string,
  target: IndexLayout,
): Rebuild {
  const stillOpen = () => {
    if (catalog.indexes(resource).rebuild?.name !== target.name) {
      throw new Error(`The rebuild of "${resource}" into ${target.name} is no longer open`);
    }
  };
  return {
    target: target.name,
    write: (docs) =>
      attempt(() => {
        const failures = catalog.transaction(() => {
          stillOpen();
          return writeDocs(db, target, docs, { copy: true });
        });
        if (failures.length) throw new SearchIndexWriteError(resource, failures);
      }),
    finish: () =>
      attempt(() =>
        catalog.transaction(() => {
          stillOpen();
          catalog.promote(resource, target);
        })
      ),
    abort: () => attempt(() => catalog.transaction(() => catalog.remove(target.name))),
  };
}
