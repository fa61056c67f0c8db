/**
 * The page of a search sorted by keys whose first is a field's whose values can be read in order
 * from the values index (`walkable`; else `two_pass_page.ts` or the one-pass query), found group
 * by group: the hits go into a temporary table (which counts them); the documents before the
 * page's end by the first key, and their equals, get its value, and are grouped by it in sort
 * order; only the groups that overlap the page are ordered by the next key, the same way, and so
 * on; documents equal on every key are in index then insertion order. A key is read only for the
 * documents around the page that tie on the keys before it, not for every hit. A key's values are
 * read in order from the values index (`value_walk.ts`) when the documents are dense enough that
 * the page's end comes early in it, else looked up per document (`sqlite_sort.ts`). Sorted by
 * desk, priority, creation date and guid over 16,000 of 20,000 items, a page at 138 reads the
 * desk of its first 188 hits and the rest of that desk (4,000), the priority of that desk's first
 * 188 and the rest of that priority (650), and looks up the creation date of those 650; the
 * one-pass query looked up four keys of all 16,000 and sorted them. The hits, their order and the
 * total are those of the one-pass query (`ORDER BY` every key, then index, then insertion).
 */
import type { DatabaseSync, SQLInputValue, StatementSync } from "node:sqlite";
import { withScratchTable } from "./scratch_table.ts";
import type { Sql } from "./sqlite_aggregations.ts";
import type { SortKey } from "./sqlite_sort.ts";
import type { IndexLayout } from "./sqlite_tables.ts";
import {
  type GroupRef,
  type PageRow,
  type RidSpan,
  ridSpan,
  walkable,
  walksDensely,
  walkValues,
} from "./value_walk.ts";

/**
 * The per-connection temporary table of groups: each `grp` the members of one group being ordered
 * by its next key `s` (no column affinity: a key keeps its type, as in the one-pass query).
 * Indexed by group and key, so a group of equals is read without scanning the rest of its `grp`
 * (many small groups of ties would otherwise each scan every hit).
 */
export const GROUPS = {
  name: "search_sort_groups",
  columns: "grp INTEGER, res INTEGER, rid INTEGER, s, PRIMARY KEY (grp, res, rid)",
  options: "WITHOUT ROWID",
  index: "grp, s, res, rid",
};

/**
 * The per-connection temporary table of the hits, the first group, keyed by document alone: its
 * rows cost a third less to write and to test than rows of `GROUPS` with their second index
 * (16,000 hits: 9.9 against 14.4 ms to fill and empty; a walk testing 3,900 of them 5.0
 * against 7.5 ms).
 */
export const HITS = {
  name: "search_sort_hits",
  columns: "res INTEGER, rid INTEGER, PRIMARY KEY (res, rid)",
  options: "WITHOUT ROWID",
};

/** The members of group `grp` of `GROUPS` whose key so far is `s`. */
function grouped(grp: number, s: SQLInputValue): GroupRef {
  return {
    from: (alias) => `temp.${GROUPS.name} ${alias} WHERE ${alias}.grp = ? AND ${alias}.s IS ?`,
    params: [grp, s],
  };
}

/** The hits, in `HITS` (every row has `res >= 0`: the condition the callers' `AND`s follow). */
const HIT_ROWS: GroupRef = {
  from: (alias) => `temp.${HITS.name} ${alias} WHERE ${alias}.res >= 0`,
  params: [],
};

/** One index's part of a sorted search. */
export interface SortedPart {
  layout: Pick<IndexLayout, "docs" | "vals" | "leaves">;
  /** The relevance score of document `d` (no parameters). */
  scoreSql: string;
  /** `<documents table> d WHERE <hits>`. */
  from: Sql;
  /** Each sort key's column over alias `d` (`d.rid` the document). */
  columns: Sql[];
}

/**
 * Whether `sort` over `layouts` (the searched indexes) takes the grouped page: its first key not
 * `_score`, and one whose values can be walked (`value_walk.ts`). A first key looked up per
 * document keeps main's paths (one key: the one-pass query, whose limited sort costs less than
 * grouping every hit — 20,000 hits, a page of 25, two indexes 44–60 ms against 105–180 ms grouped,
 * one index with `missing: _first` 25 against 68–77 ms; more keys: `two_pass_page.ts`).
 */
export function sortsByGroups(
  sort: SortKey[],
  layouts: Array<Pick<IndexLayout, "leaves">>,
): boolean {
  return sort.length >= 1 && sort[0]!.field !== "_score" && walkable(layouts, sort[0]!);
}

/**
 * The page (`res`, `rid` in order) and the total of a search sorted by `sort` over `parts`;
 * undefined when the hits are too sparse for the window's end to read the first key from the
 * values index (`walksDensely`): looked up for every hit and grouped, it costs about twice main's
 * paths (a deep page of a list sorted by `versioncreated`, a narrow query), which then answer.
 */
export function sortedPage(
  db: DatabaseSync,
  parts: SortedPart[],
  sort: SortKey[],
  window: { from: number; size: number },
  /** False groups sparse hits too (tests of the grouping itself). */
  { onlyDense = true }: { onlyDense?: boolean } = {},
): { page: PageRow[]; total: number } | undefined {
  return withScratchTable(
    db,
    HITS,
    () =>
      withScratchTable(
        db,
        GROUPS,
        () => new Grouping(reusing(db), parts, sort).page(window, onlyDense),
      ),
  );
}

/**
 * `db`'s `prepare`, each SQL text compiled once per page: a page with many groups of ties runs
 * the same few statements for each group.
 */
function reusing(db: DatabaseSync): Pick<DatabaseSync, "prepare"> {
  const compiled = new Map<string, StatementSync>();
  return {
    prepare: (sql: string) => {
      let statement = compiled.get(sql);
      if (!statement) compiled.set(sql, statement = db.prepare(sql));
      return statement;
    },
  };
}

/** The grouping of one search, over the empty temporary table. */
class Grouping {
  #next = 1;
  #span: RidSpan | undefined;
  /** The first index's rowid span, read once per page (the density checks of every key use it). */
  #docSpan = (): RidSpan => this.#span ??= ridSpan(this.db, this.parts[0]!.layout);

  constructor(
    private db: Pick<DatabaseSync, "prepare">,
    private parts: SortedPart[],
    private sort: SortKey[],
  ) {}

  page(
    { from, size }: { from: number; size: number },
    onlyDense: boolean,
  ): { page: PageRow[]; total: number } | undefined {
    const total = this.parts.reduce((sum, p, res) =>
      sum + Number(
        this.db.prepare(
          `INSERT INTO temp.${HITS.name} SELECT ${res}, d.rid FROM ${p.from.sql}`,
        ).run(...p.from.params).changes,
      ), 0);
    if (total <= from) return { page: [], total };
    if (onlyDense && !walksDensely(this.#docSpan(), total, from + size)) {
      return undefined;
    }
    return { page: this.#ordered(HIT_ROWS, total, 0, from, from + size), total };
  }

  /**
   * Positions [lo, hi) of `group` (`n` documents equal on the keys before `key`): its documents up
   * to `hi` and their equals by key `key`, read from the values index or looked up per document,
   * in groups of equal values, each overlapping the window ordered by the next key; past the last
   * key, in index then insertion order.
   */
  #ordered(group: GroupRef, n: number, key: number, lo: number, hi: number): PageRow[] {
    if (key === this.sort.length) {
      return this.db.prepare(
        `SELECT h.res AS res, h.rid AS rid FROM ${group.from("h")} ORDER BY h.res, h.rid
         LIMIT ? OFFSET ?`,
      ).all(...group.params, hi - lo, lo) as unknown as PageRow[];
    }
    const k = this.sort[key]!;
    const keyed = this.#next++;
    const walked = walkValues(this.db, {
      layouts: this.parts.map((p) => p.layout),
      key: k,
      group,
      n,
      end: hi,
      to: { table: GROUPS.name, grp: keyed },
      span: this.#docSpan,
    });
    if (!walked) this.#lookUp(group, key, keyed);
    const select = this.db.prepare(
      `SELECT s, COUNT(*) AS n, MIN(res) AS res, MIN(rid) AS rid FROM temp.${GROUPS.name}
       WHERE grp = ? GROUP BY s ORDER BY (s IS NULL) ${k.missing === "_first" ? "DESC" : "ASC"},
       s ${k.order}`,
    );
    // Integers as they are stored, so a group's value finds its members again.
    select.setReadBigInts(true);
    const out: PageRow[] = [];
    let at = 0;
    const groups = select.iterate(keyed) as Iterable<Record<string, SQLInputValue>>;
    const found: Array<{ s: SQLInputValue; n: number; only: PageRow; start: number }> = [];
    for (const row of groups) {
      const count = Number(row.n);
      found.push({
        s: row.s!,
        n: count,
        only: { res: Number(row.res), rid: Number(row.rid) },
        start: at,
      });
      at += count;
      if (at >= hi) break;
    }
    for (const { s, n: count, only, start } of found) {
      if (start + count <= lo) continue;
      if (count === 1) out.push(only);
      else {
        out.push(
          ...this.#ordered(
            grouped(keyed, s),
            count,
            key + 1,
            Math.max(lo, start) - start,
            Math.min(hi, start + count) - start,
          ),
        );
      }
    }
    return out;
  }

  /** Puts `group`'s documents in group `to` with their key `key`, looked up per document. */
  #lookUp(group: GroupRef, key: number, to: number): void {
    this.parts.forEach((part, res) => {
      const column = this.sort[key]!.field === "_score"
        ? { sql: part.scoreSql, params: [] }
        : part.columns[key]!;
      this.db.prepare(
        `INSERT INTO temp.${GROUPS.name} SELECT ?, d.res, d.rid, ${column.sql}
         FROM ${group.from("d")} AND d.res = ${res}`,
      ).run(to, ...column.params, ...group.params);
    });
  }
}
