/** A test connection that records the SQL of every statement prepared on it. */
import type { DatabaseSync } from "node:sqlite";

/** `db` recording the SQL of every statement prepared on it into `prepared`. */
export function recording(db: DatabaseSync, prepared: string[]): DatabaseSync {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") {
        return (sql: string) => {
          prepared.push(sql);
          return target.prepare(sql);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
