/**
 * Eve's other `where` syntax, a Python expression (`eve/io/mongo/parser.py`):
 * `item_id=="123"`, `version>=2 and state!='spiked'`, `(a==1 or b==2)`. Comparisons
 * (`==`, `!=`, `<`, `<=`, `>`, `>=`) of a field with a string, number, `True`, `False` or `None`,
 * joined by `and`/`or` and grouped with parentheses, become the Mongo filter Eve makes of them
 * (`{"$and": [...]}`, `{"field": {"$gte": 2}}`). Eve's `ObjectId(...)` and `datetime(...)` calls
 * are not read (a 400 names what was not understood). One pass over the text, nesting bounded.
 */
import { BadRequestError } from "../../errors.ts";

/** Deepest parenthesised group read. */
const MAX_DEPTH = 32;

const TOKEN =
  /\s*(?:(\()|(\))|(==|!=|<=|>=|<|>)|("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|([A-Za-z_][A-Za-z0-9_.]*))/y;

const OPERATORS: Record<string, string | null> = {
  "==": null,
  "!=": "$ne",
  "<": "$lt",
  "<=": "$lte",
  ">": "$gt",
  ">=": "$gte",
};

type Token = { kind: "(" | ")" | "op" | "str" | "num" | "name"; text: string };

/** The filter of Python-syntax `where` text; a 400 when it is not that syntax. */
export function parsePythonWhere(text: string): unknown {
  const tokens = tokenize(text);
  let at = 0;
  const fail = (what: string): never => {
    throw new BadRequestError(`Invalid "where": ${what}`);
  };
  const peek = () => tokens[at];
  const isWord = (word: string) => peek()?.kind === "name" && peek()!.text === word;

  function expression(depth: number): unknown {
    const parts = [conjunction(depth)];
    while (isWord("or")) {
      at++;
      parts.push(conjunction(depth));
    }
    return parts.length === 1 ? parts[0] : { $or: parts };
  }

  function conjunction(depth: number): unknown {
    const parts = [comparison(depth)];
    while (isWord("and")) {
      at++;
      parts.push(comparison(depth));
    }
    return parts.length === 1 ? parts[0] : { $and: parts };
  }

  function comparison(depth: number): unknown {
    const first = tokens[at++] ?? fail("unexpected end");
    if (first.kind === "(") {
      if (depth >= MAX_DEPTH) fail("nested too deeply");
      const inner = expression(depth + 1);
      if (tokens[at++]?.kind !== ")") fail("missing )");
      return inner;
    }
    if (first.kind !== "name") fail(`expected a field name, got ${first.text}`);
    const op = tokens[at++];
    if (op?.kind !== "op") fail(`expected a comparison after ${first.text}`);
    const value = literal(tokens[at++] ?? fail("missing value"));
    const mongo = OPERATORS[op!.text];
    return { [first.text]: mongo ? { [mongo]: value } : value };
  }

  function literal(token: Token): unknown {
    switch (token.kind) {
      case "str":
        return unquote(token.text);
      case "num":
        return Number(token.text);
      case "name":
        if (token.text === "True") return true;
        if (token.text === "False") return false;
        if (token.text === "None") return null;
    }
    return fail(`not a value: ${token.text}`);
  }

  const filter = expression(0);
  if (at < tokens.length) fail(`unexpected ${tokens[at]!.text}`);
  return filter;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const end = text.trimEnd().length;
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < end) {
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match) {
      throw new BadRequestError(
        `Invalid "where": neither JSON nor a Python expression (at ${start})`,
      );
    }
    const [, open, close, op, str, num, name] = match;
    if (open) tokens.push({ kind: "(", text: open });
    else if (close) tokens.push({ kind: ")", text: close });
    else if (op) tokens.push({ kind: "op", text: op });
    else if (str) tokens.push({ kind: "str", text: str });
    else if (num) tokens.push({ kind: "num", text: num });
    else tokens.push({ kind: "name", text: name! });
  }
  return tokens;
}

/** A Python string literal's value (backslash escapes of quotes and backslashes). */
function unquote(literal: string): string {
  return literal.slice(1, -1).replace(/\\(.)/g, "$1");
}
