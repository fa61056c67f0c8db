/**
 * A parser for Lucene's query syntax as Elasticsearch's `query_string` reads it: words,
 * `"quoted phrases"`, wildcards (`*`, `?`), `field:value` and `field:(group)`, `_exists_:field`,
 * ranges (`field:[a TO b]`, `{a TO b}`, `field:>=a`), `AND`/`OR`/`NOT`, `&&`/`||`/`!`,
 * `+`/`-`, parentheses, `\` escapes and boosts (`^2`, which change scores only). Clauses get
 * Lucene's required/optional/prohibited flags exactly as its classic parser assigns them, so
 * `a b AND c` means what it means in Elasticsearch. As Elasticsearch parses (Lucene's
 * `splitOnWhitespace` off), a run of two or more bare words not followed by `AND`/`OR`, a field
 * colon or a boost is analysed as one text (`runs`: with several fields, all its words must be
 * in one field under AND). Fuzzy terms (`~`), proximity phrases and regular expressions answer
 * 400.
 */
import { BadRequestError } from "../../errors.ts";

/**
 * What separates a range's bounds: `/\s+TO\s+/`, starting only where its white space starts
 * (alone, that expression was tried again from every space of a long run: quadratic).
 */
export const RANGE_TO = /(?<!\s)\s+TO\s+/;

/** Bounds of a range (`undefined` = open). */
export interface QsRange {
  gt?: string;
  gte?: string;
  lt?: string;
  lte?: string;
}

/** A parsed query: a boolean group or one leaf. */
export type QsNode =
  | { kind: "bool"; must: QsNode[]; should: QsNode[]; mustNot: QsNode[] }
  | { kind: "term"; field?: string; text: string; phrase: boolean; wildcard: boolean }
  | { kind: "range"; field?: string; range: QsRange }
  | { kind: "exists"; field: string };

/**
 * The clauses a run of bare words becomes for the field it is in (undefined: the default
 * fields), each added as a plain clause. By default one leaf per word.
 */
export type RunClauses = (field: string | undefined, words: string[]) => QsNode[];

type Token =
  | { t: "leaf"; node: QsNode; bare: boolean }
  | { t: "and" | "or" | "not" | "plus" | "minus" | "close" }
  | { t: "open"; field?: string };

type Clause = { node: QsNode; occur: "must" | "should" | "must_not" };

const wordByWord: RunClauses = (field, words) =>
  words.map((text) => ({
    kind: "term",
    ...(field === undefined ? {} : { field }),
    text,
    phrase: false,
    wildcard: false,
  }));

/** Parses `query` with `defaultOperator` (`OR` as in Elasticsearch unless told). */
export function parseQueryString(
  query: string,
  defaultOperator: "AND" | "OR" = "OR",
  { runs = wordByWord }: { runs?: RunClauses } = {},
): QsNode {
  const tokens = new Scanner(query).tokens();
  const bareAt = (i: number) => {
    const token = tokens[i];
    return token?.t === "leaf" && token.bare;
  };
  /** The end (exclusive) of the run of bare words starting at `start` (Lucene's MultiTerm). */
  const runEnd = (start: number) => {
    let end = start + 1;
    while (bareAt(end)) {
      const after = tokens[end + 1]?.t;
      if (after === "and" || after === "or") break;
      end++;
    }
    return end;
  };
  let pos = 0;
  const parseGroup = (nested: boolean, field: string | undefined): QsNode => {
    const clauses: Clause[] = [];
    let closed = !nested;
    while (pos < tokens.length) {
      let token = tokens[pos]!;
      if (token.t === "close") {
        if (!nested) throw syntax(query, "unbalanced )");
        pos++;
        closed = true;
        break;
      }
      let conj: "and" | "or" | undefined;
      if (token.t === "and" || token.t === "or") {
        conj = token.t;
        token = tokens[++pos] ?? syntaxError(query, "operator at the end");
      }
      if (!conj && bareAt(pos) && runEnd(pos) - pos > 1) {
        const end = runEnd(pos);
        const words = tokens.slice(pos, end).map((t) =>
          ((t as { node: QsNode }).node as { text: string }).text
        );
        for (const node of runs(field, words)) {
          addClause(clauses, undefined, undefined, node, defaultOperator);
        }
        pos = end;
        continue;
      }
      let mod: "req" | "not" | undefined;
      if (token.t === "plus") mod = "req";
      if (token.t === "minus" || token.t === "not") mod = "not";
      if (mod) token = tokens[++pos] ?? syntaxError(query, "operator at the end");
      pos++;
      let node: QsNode;
      if (token.t === "open") node = parseGroup(true, token.field ?? field);
      else if (token.t === "leaf") node = withField(token.node, field);
      else throw syntax(query, `unexpected ${token.t.toUpperCase()}`);
      addClause(clauses, conj, mod, node, defaultOperator);
    }
    if (!closed) throw syntax(query, "unbalanced (");
    return {
      kind: "bool",
      must: clauses.filter((c) => c.occur === "must").map((c) => c.node),
      should: clauses.filter((c) => c.occur === "should").map((c) => c.node),
      mustNot: clauses.filter((c) => c.occur === "must_not").map((c) => c.node),
    };
  };
  const root = parseGroup(false, undefined);
  if (pos < tokens.length) throw syntax(query, "unbalanced )");
  return root;
}

/** A leaf without its own field takes the field of the group it is in (`headline:(a b)`). */
function withField(node: QsNode, field: string | undefined): QsNode {
  if (!field || node.kind === "bool" || node.kind === "exists" || node.field) return node;
  return { ...node, field };
}

/** Lucene's `QueryParserBase.addClause`. */
function addClause(
  clauses: Clause[],
  conj: "and" | "or" | undefined,
  mod: "req" | "not" | undefined,
  node: QsNode,
  operator: "AND" | "OR",
) {
  const last = clauses[clauses.length - 1];
  if (last && conj === "and" && last.occur !== "must_not") last.occur = "must";
  if (last && operator === "AND" && conj === "or" && last.occur !== "must_not") {
    last.occur = "should";
  }
  const prohibited = mod === "not";
  const required = operator === "OR"
    ? mod === "req" || (conj === "and" && !prohibited)
    : !prohibited && conj !== "or";
  clauses.push({ node, occur: prohibited ? "must_not" : required ? "must" : "should" });
}

/** Characters that end a bare term (unless escaped). */
const TERM_END = new Set([" ", "\t", "\n", "\r", "(", ")", '"', "^", "~", "[", "]", "{", "}"]);

class Scanner {
  #q: string;
  #i = 0;
  constructor(query: string) {
    this.#q = query;
  }

  tokens(): Token[] {
    const out: Token[] = [];
    const q = this.#q;
    while (true) {
      this.#skipSpace();
      if (this.#i >= q.length) return out;
      const c = q[this.#i]!;
      const two = q.slice(this.#i, this.#i + 2);
      if (c === "(") {
        this.#i++;
        out.push({ t: "open" });
      } else if (c === ")") {
        this.#i++;
        out.push({ t: "close" });
      } else if (two === "&&" || two === "||") {
        this.#i += 2;
        out.push({ t: two === "&&" ? "and" : "or" });
      } else if (c === "!" && q[this.#i + 1] !== "=") {
        this.#i++;
        out.push({ t: "not" });
      } else {
        out.push(this.#prefixOrWord() ?? this.#clause());
      }
    }
  }

  /**
   * The `+`/`-` prefix or `AND`/`OR`/`NOT` word at the cursor, consumed; undefined (nothing
   * consumed) when there is none.
   */
  #prefixOrWord(): Token | undefined {
    const q = this.#q;
    const c = q[this.#i];
    if ((c === "+" || c === "-") && this.#i + 1 < q.length && !/\s/.test(q[this.#i + 1]!)) {
      this.#i++;
      return { t: c === "+" ? "plus" : "minus" };
    }
    const op = /^(AND|OR|NOT)(?=[\s()]|$)/.exec(q.slice(this.#i));
    if (!op) return undefined;
    this.#i += op[0].length;
    return { t: op[0] === "AND" ? "and" : op[0] === "OR" ? "or" : "not" };
  }

  /**
   * A term, phrase, range or `field:` followed by one of them or by a group; as Lucene's parser
   * (Elasticsearch's), whitespace may stand on either side of the colon (`field : value`).
   */
  #clause(): Token {
    const q = this.#q;
    let field: string | undefined;
    const start = this.#i;
    const word = this.#term();
    this.#skipSpace();
    if (q[this.#i] === ":" && word.raw) {
      field = unescape(word.raw);
      this.#i++;
      this.#skipSpace();
      const c = q[this.#i];
      if (c === "(") {
        this.#i++;
        return { t: "open", field };
      }
      // A value cannot start with an operator (`field:-x`, `field:NOT x`, `field:!x`).
      if (c === undefined || c === "!" || this.#prefixOrWord()) {
        throw syntax(q, `no value after ${field}:`);
      }
    } else {
      this.#i = start;
    }
    const c = q[this.#i]!;
    let node: QsNode;
    if (c === '"') node = this.#phrase(field);
    else if (c === "[" || c === "{") node = this.#range(field);
    else if (field && (c === ">" || c === "<")) node = this.#comparison(field);
    else node = this.#word(field);
    const boosted = this.#suffixes();
    const bare = !field && !boosted && node.kind === "term" && !node.phrase && !node.wildcard;
    return { t: "leaf", node, bare };
  }

  #skipSpace(): void {
    while (this.#i < this.#q.length && /\s/.test(this.#q[this.#i]!)) this.#i++;
  }

  /** A bare term up to its end; `raw` keeps escapes, `wildcard` says if it has `*`/`?`. */
  #term(): { raw: string; wildcard: boolean } {
    const q = this.#q;
    let raw = "";
    let wildcard = false;
    while (this.#i < q.length) {
      const c = q[this.#i]!;
      if (c === "\\") {
        if (this.#i + 1 >= q.length) throw syntax(q, "escape at the end");
        raw += c + q[this.#i + 1];
        this.#i += 2;
        continue;
      }
      if (TERM_END.has(c) || c === ":") break;
      if (c === "*" || c === "?") wildcard = true;
      raw += c;
      this.#i++;
    }
    return { raw, wildcard };
  }

  #word(field: string | undefined): QsNode {
    const q = this.#q;
    if (q[this.#i] === "/") {
      throw unsupported("regular expressions (/.../) in query_string");
    }
    const { raw, wildcard } = this.#term();
    if (!raw) throw syntax(q, `cannot parse "${q.slice(this.#i)}"`);
    if (q[this.#i] === ":") throw syntax(q, `unexpected : after ${raw}`);
    if (field === "_exists_") return { kind: "exists", field: unescape(raw) };
    const base = field === undefined ? {} : { field };
    return wildcard
      ? { kind: "term", ...base, text: raw, phrase: false, wildcard: true }
      : { kind: "term", ...base, text: unescape(raw), phrase: false, wildcard: false };
  }

  #phrase(field: string | undefined): QsNode {
    const q = this.#q;
    let text = "";
    this.#i++;
    while (this.#i < q.length && q[this.#i] !== '"') {
      if (q[this.#i] === "\\" && this.#i + 1 < q.length) this.#i++;
      text += q[this.#i++];
    }
    if (this.#i >= q.length) throw syntax(q, "unbalanced quote");
    this.#i++;
    return {
      kind: "term",
      ...(field === undefined ? {} : { field }),
      text,
      phrase: true,
      wildcard: false,
    };
  }

  #range(field: string | undefined): QsNode {
    const q = this.#q;
    const open = q[this.#i++]!;
    const found = /[\]}]/.exec(q.slice(this.#i));
    if (!found) throw syntax(q, "unbalanced range");
    const end = this.#i + found.index;
    const inner = q.slice(this.#i, end).trim().split(RANGE_TO);
    if (inner.length !== 2) throw syntax(q, "a range needs [from TO to]");
    const bound = (v: string) => v === "*" ? undefined : unescape(v.replace(/^"|"$/g, ""));
    const [from, to] = [bound(inner[0]!), bound(inner[1]!)];
    const last = q[end];
    this.#i = end + 1;
    const range: QsRange = {};
    if (from !== undefined) range[open === "[" ? "gte" : "gt"] = from;
    if (to !== undefined) range[last === "]" ? "lte" : "lt"] = to;
    return { kind: "range", ...(field === undefined ? {} : { field }), range };
  }

  #comparison(field: string): QsNode {
    const q = this.#q;
    const op = q.slice(this.#i, this.#i + 2) === ">=" || q.slice(this.#i, this.#i + 2) === "<="
      ? q.slice(this.#i, this.#i + 2)
      : q[this.#i]!;
    this.#i += op.length;
    const { raw } = this.#term();
    if (!raw) throw syntax(q, `no value after ${field}:${op}`);
    const key = ({ ">": "gt", ">=": "gte", "<": "lt", "<=": "lte" } as const)[
      op as ">" | ">=" | "<" | "<="
    ];
    return { kind: "range", field, range: { [key]: unescape(raw) } };
  }

  /**
   * `^boost` (ignored: it changes scores only) and `~` (fuzzy or proximity: unsupported);
   * true when there was a boost.
   */
  #suffixes(): boolean {
    const q = this.#q;
    let boosted = false;
    while (q[this.#i] === "^" || q[this.#i] === "~") {
      boosted = true;
      if (q[this.#i] === "~") throw unsupported("fuzzy terms and proximity phrases (~)");
      this.#i++;
      const boost = /^\d+(\.\d+)?/.exec(q.slice(this.#i));
      if (!boost) throw syntax(q, "^ needs a number");
      this.#i += boost[0].length;
    }
    return boosted;
  }
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, "$1");
}

function unsupported(what: string): BadRequestError {
  return new BadRequestError(
    `query_string: ${what} are not supported by the embedded search index`,
  );
}

function syntax(query: string, why: string): BadRequestError {
  return new BadRequestError(`Failed to parse query [${query}]: ${why}`);
}

function syntaxError(query: string, why: string): never {
  throw syntax(query, why);
}
