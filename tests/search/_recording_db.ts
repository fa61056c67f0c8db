/**
 * Test connections over a real one: one records the SQL of every statement prepared on it, one
 * runs code around the `get`s of chosen statements (another connection's write forced between a
 * search's statements).
 */
import type { DatabaseSync } from "node:sqlite";

/** `db` with `prepare` replaced by `prepare(target, sql)`. */
function preparing(
  db: DatabaseSync,
  prepare: (target: DatabaseSync, sql: string) => unknown,
): DatabaseSync {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => prepare(target, sql);
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** `db` recording the SQL of every statement prepared on it into `prepared`. */
export function recording(db: DatabaseSync, prepared: string[]): DatabaseSync {
  return preparing(db, (target, sql) => {
    prepared.push(sql);
    return target.prepare(sql);
  });
}

/**
 * `db` whose statements with SQL starting `prefix` run each `get` as `around(get)`: `around`
 * calls `get` when it chooses and returns its row.
 */
export function aroundGets(
  db: DatabaseSync,
  prefix: string,
  around: (get: () => unknown) => unknown,
): DatabaseSync {
  return preparing(db, (target, sql) => {
    const statement = target.prepare(sql);
    if (!sql.startsWith(prefix)) return statement;
    return { get: (...params: never[]) => around(() => statement.get(...params)) };
  });
}
