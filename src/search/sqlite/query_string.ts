/**
 * A parser for the `query_string` subset the embedded index supports: words, `"quoted
 * phrases"`, trailing-`*` prefixes, `field:value`, `_exists_:field`, `AND`/`OR`/`NOT`,
 * `&&`/`||`/`!`, `+`/`-`, and parentheses. Clauses get Lucene's required/optional/prohibited
 * flags exactly as Lucene's classic parser assigns them, so `a b AND c` means what it means
 * in Elasticsearch. Ranges, fuzziness, boosts, regexes and wildcards elsewhere than at the end
 * of a word answer 400.
 */
import { BadRequestError } from "../../errors.ts";

/** A parsed query: a boolean group or one leaf. */
export type QsNode =
  | { kind: "bool"; must: QsNode[]; should: QsNode[]; mustNot: QsNode[] }
  | { kind: "term"; field?: string; text: string; phrase: boolean; prefix: boolean }
  | { kind: "exists"; field: string };

type Token =
  | { t: "word"; v: string; field?: string }
  | { t: "phrase"; v: string; field?: string }
  | { t: "and" | "or" | "not" | "plus" | "minus" | "open" | "close" }
  | { t: "fieldopen"; field: string };

const ESCAPED_OR_UNSUPPORTED = /[~^\[\]{}\/\\?]/;

/** Parses `query` with `defaultOperator` (`OR` as in Elasticsearch unless told). */
export function parseQueryString(query: string, defaultOperator: "AND" | "OR" = "OR"): QsNode {
  const tokens = tokenize(query);
  let pos = 0;
  const parseGroup = (nested: boolean): QsNode => {
    const clauses: Array<{ node: QsNode; occur: "must" | "should" | "must_not" }> = [];
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
      let mod: "req" | "not" | undefined;
      if (token.t === "plus") mod = "req";
      if (token.t === "minus" || token.t === "not") mod = "not";
      if (mod) token = tokens[++pos] ?? syntaxError(query, "operator at the end");
      pos++;
      let node: QsNode;
      if (token.t === "open") node = parseGroup(true);
      else if (token.t === "fieldopen") throw syntax(query, `grouping after ${token.field}:`);
      else if (token.t === "word" || token.t === "phrase") node = leaf(token);
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
  const root = parseGroup(false);
  if (pos < tokens.length) throw syntax(query, "unbalanced )");
  return root;
}

/** Lucene's `QueryParserBase.addClause`. */
function addClause(
  clauses: Array<{ node: QsNode; occur: "must" | "should" | "must_not" }>,
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

function leaf(token: { t: "word" | "phrase"; v: string; field?: string }): QsNode {
  if (token.field === "_exists_") return { kind: "exists", field: token.v };
  const field = token.field === undefined ? {} : { field: token.field };
  if (token.t === "phrase") {
    return { kind: "term", ...field, text: token.v, phrase: true, prefix: false };
  }
  const prefix = token.v.endsWith("*");
  const text = prefix ? token.v.slice(0, -1) : token.v;
  if (text.includes("*") || (prefix && !text)) {
    throw new BadRequestError(
      `query_string wildcard "${token.v}" is not supported by the embedded search index`,
    );
  }
  return { kind: "term", ...field, text, phrase: false, prefix };
}

function tokenize(query: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*(?:(\(|\))|(&&|\|\|)|(!)|([+-])(?=\S)|"((?:[^"\\]|\\.)*)"|([^\s()"]+))/y;
  let field: string | undefined;
  let m: RegExpExecArray | null;
  let end = 0;
  while ((m = re.exec(query)) !== null && m[0].length) {
    end = re.lastIndex;
    if (m[1] === "(") tokens.push(field ? { t: "fieldopen", field } : { t: "open" });
    else if (m[1] === ")") tokens.push({ t: "close" });
    else if (m[2]) tokens.push({ t: m[2] === "&&" ? "and" : "or" });
    else if (m[3]) tokens.push({ t: "not" });
    else if (m[4]) tokens.push({ t: m[4] === "+" ? "plus" : "minus" });
    else if (m[5] !== undefined) {
      tokens.push({ t: "phrase", v: m[5].replace(/\\(.)/g, "$1"), field });
    } else if (m[6]) {
      const word = m[6];
      const colon = word.indexOf(":");
      if (colon > 0 && !field) {
        field = word.slice(0, colon);
        const rest = word.slice(colon + 1);
        if (!rest) continue;
        tokens.push(wordToken(rest, field));
      } else {
        tokens.push(wordToken(word, field));
      }
    }
    field = undefined;
  }
  if (query.slice(end).trim()) {
    throw syntax(query, `cannot parse "${query.slice(end)}"`);
  }
  if (field) throw syntax(query, `no value after ${field}:`);
  return tokens;
}

function wordToken(word: string, field: string | undefined): Token {
  if (!field && (word === "AND" || word === "OR" || word === "NOT")) {
    return { t: word === "AND" ? "and" : word === "OR" ? "or" : "not" };
  }
  if (ESCAPED_OR_UNSUPPORTED.test(word) || word.includes(":")) {
    throw new BadRequestError(
      `query_string syntax in "${word}" is not supported by the embedded search index ` +
        "(supported: words, phrases, trailing *, field:value, AND/OR/NOT, +/-, parentheses)",
    );
  }
  return { t: "word", v: word, field };
}

function syntax(query: string, why: string): BadRequestError {
  return new BadRequestError(`Failed to parse query [${query}]: ${why}`);
}

function syntaxError(query: string, why: string): never {
  throw syntax(query, why);
}
