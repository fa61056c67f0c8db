/**
 * The alias catalog of the embedded index: the table `{prefix}__indexes` maps each concrete
 * index (`{prefix}_{resource}_{n}`) to its resource, its role (`live` is what the alias points
 * at; `rebuild` is an open rebuild) and its mapping. Every operation reads it inside its own
 * transaction, so all connections to the file — other processes and Web Workers included —
 * see the same aliases.
 */
import type { DatabaseSync } from "node:sqlite";
import { type IndexMapping, withMetaFields } from "../mapping.ts";
import { assertIndexName } from "../search_index.ts";
import { createTables, dropTables, type IndexLayout, layoutOf } from "./sqlite_tables.ts";

/** The concrete indexes of one resource. */
export interface ResourceIndexes {
  live?: IndexLayout;
  rebuild?: IndexLayout;
}

/** Catalog operations; callers run writes inside `transaction`. */
export interface Catalog {
  indexes(resource: string): ResourceIndexes;
  /** Creates a concrete index (next free number) with `role` for `resource`. */
  create(resource: string, mapping: IndexMapping, role: "live" | "rebuild"): IndexLayout;
  /** Drops the live index and makes `target` live: the alias swap. */
  promote(resource: string, target: IndexLayout): void;
  /** Drops one concrete index and its catalog row. */
  remove(name: string): void;
  /** `BEGIN IMMEDIATE` … `COMMIT`, rolled back when `work` throws. */
  transaction<T>(work: () => T): T;
}

interface CatalogRow {
  name: string;
  role: "live" | "rebuild";
  mapping: string;
}

/**
 * Reads the catalog of `prefix` (its table must exist): what a read-only connection (a search
 * thread, `search_thread.ts`) needs. Layouts are kept per name and mapping, so a query compiles
 * against the same objects (and their cached statements) every time.
 */
export function readCatalog(
  db: DatabaseSync,
  prefix: string,
): Pick<Catalog, "indexes"> & { rows(resource: string): CatalogRow[] } {
  const table = `"${prefix}__indexes"`;
  const layouts = new Map<string, IndexLayout>();
  const select = db.prepare(`SELECT name, role, mapping FROM ${table} WHERE resource = ?`);
  const rows = (resource: string) =>
    select.all(assertIndexName(resource)) as unknown as CatalogRow[];
  const layout = (resource: string, row: CatalogRow) => {
    const key = `${row.name}\n${row.mapping}`;
    let found = layouts.get(key);
    if (!found) {
      found = layoutOf(row.name, resource, JSON.parse(row.mapping));
      layouts.set(key, found);
    }
    return found;
  };
  return {
    rows,
    indexes(resource) {
      const out: ResourceIndexes = {};
      for (const row of rows(resource)) out[row.role] = layout(resource, row);
      return out;
    },
  };
}

/** Creates the catalog table if needed and returns its operations. */
export function openCatalog(db: DatabaseSync, prefix: string): Catalog {
  const table = `"${prefix}__indexes"`;
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} (
    name TEXT PRIMARY KEY, resource TEXT NOT NULL, role TEXT NOT NULL, mapping TEXT NOT NULL,
    UNIQUE (resource, role))`);
  const { rows, indexes } = readCatalog(db, prefix);
  const catalog: Catalog = {
    indexes,
    create(resource, mapping, role) {
      const numbers = rows(resource).map((r) => Number(r.name.slice(r.name.lastIndexOf("_") + 1)));
      const name = `${prefix}_${resource}_${Math.max(0, ...numbers) + 1}`;
      const full = withMetaFields(mapping);
      const created = layoutOf(name, resource, full);
      dropTables(db, name);
      createTables(db, created);
      db.prepare(`INSERT INTO ${table} (name, resource, role, mapping) VALUES (?, ?, ?, ?)`)
        .run(name, resource, role, JSON.stringify(full));
      return created;
    },
    promote(resource, target) {
      const old = catalog.indexes(resource).live;
      if (old) catalog.remove(old.name);
      db.prepare(`UPDATE ${table} SET role = 'live' WHERE name = ?`).run(target.name);
    },
    remove(name) {
      dropTables(db, name);
      db.prepare(`DELETE FROM ${table} WHERE name = ?`).run(name);
    },
    transaction(work) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = work();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
  };
  return catalog;
}
