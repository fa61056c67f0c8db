/**
 * FerretDB detection and the query forms it cannot answer correctly. CI runs the MongoDB store
 * against FerretDB 1.24; production uses MongoDB, where none of this applies. FerretDB rejects
 * `$elemMatch` with a query on object elements (`{items: {$elemMatch: {sku: "a"}}}` → "unknown
 * operator") and answers some of them wrongly (`{$elemMatch: {sku: {$in: ["a"]}}}` matches
 * nothing), so on FerretDB that form is refused up front with a 400 rather than risk a wrong
 * result. `$elemMatch` with one operator on the values works, except `$ne`/`$nin`/`$not` ("not
 * implemented"); with several (`{$gt: 0, $lt: 2}`) FerretDB lets different elements satisfy
 * each (it matches `[0, 5]`), so both are refused too. FerretDB also gets `$ne`, `$nin` and
 * `$not` wrong on paths through arrays of objects (`{"items.sku": {$ne: "a"}}` still matches a
 * document with an item "a"), while `$nor` is right, so those are rewritten to `$nor`.
 */
import type { Db } from "mongodb";
import { BadRequestError } from "../../errors.ts";
import type { Filter } from "../document_store.ts";
import { isElemMatchOnValues, isOperatorObject, isPlainObject } from "../where_filter.ts";

/** Operators FerretDB does not implement inside `$elemMatch` on values. */
const NEGATIONS = new Set(["$ne", "$nin", "$not"]);

/** True when the server behind `db` is FerretDB (its `buildInfo` carries `ferretdbVersion`). */
export async function isFerretDb(db: Db): Promise<boolean> {
  const info = await db.command({ buildInfo: 1 });
  return typeof info.ferretdbVersion === "string";
}

/**
 * The FerretDB form of a validated filter: field-level negations become `$nor` (same meaning),
 * and `$elemMatch` with a query on object elements is refused with a 400.
 */
export function adaptFilterForFerretDb(filter: Filter): Filter {
  const clauses: Filter[] = [];
  for (const [key, value] of Object.entries(filter)) {
    if (key === "$and" || key === "$or" || key === "$nor") {
      clauses.push({ [key]: (value as Filter[]).map(adaptFilterForFerretDb) });
    } else if (isOperatorObject(value)) clauses.push(...adaptOperators(key, value));
    else clauses.push({ [key]: value });
  }
  if (clauses.length <= 1) return clauses[0] ?? {};
  return { $and: clauses };
}

function adaptOperators(field: string, ops: Record<string, unknown>): Filter[] {
  const positive: Record<string, unknown> = {};
  const clauses: Filter[] = [];
  for (const [op, operand] of Object.entries(ops)) {
    if (op === "$ne") clauses.push({ $nor: [{ [field]: { $eq: operand } }] });
    else if (op === "$nin") clauses.push({ $nor: [{ [field]: { $in: operand } }] });
    else if (op === "$not") {
      clauses.push({ $nor: [adaptFilterForFerretDb({ [field]: operand })] });
    } else {
      if (op === "$elemMatch" && isPlainObject(operand)) checkElemMatch(operand);
      positive[op] = operand;
    }
  }
  return Object.keys(positive).length > 0 ? [{ [field]: positive }, ...clauses] : clauses;
}

function checkElemMatch(operand: Record<string, unknown>): void {
  if (!isElemMatchOnValues(operand)) {
    throw new BadRequestError(
      `Query operator "$elemMatch" with a query on object elements is not supported by FerretDB`,
    );
  }
  const operators = Object.keys(operand).filter((op) => op !== "$options");
  if (operators.length > 1) {
    throw new BadRequestError(
      `Query operator "$elemMatch" with several operators is not supported by FerretDB`,
    );
  }
  const negation = operators.find((op) => NEGATIONS.has(op));
  if (negation) {
    throw new BadRequestError(
      `Query operator "${negation}" inside "$elemMatch" is not supported by FerretDB`,
    );
  }
}
