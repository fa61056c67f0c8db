/**
 * The template language of content templates, a subset of Jinja (what Superdesk renders
 * template fields with): `{{ expression | filter(args) }}`, `{% if %}{% elif %}{% else %}
 * {% endif %}`, `{% for x in list %}{% endfor %}`, `{# comments #}`. Expressions are
 * literals, names with `.attr` and `['key']`, `not`, `and`, `or`, comparisons and `in`.
 * As in Jinja, an undefined value renders as "" but reading an attribute of one is an error;
 * errors (syntax errors, nesting too deep, an invalid date) make `renderTemplate` return
 * undefined, so the caller skips the field as Superdesk does. No auto-escaping, as Superdesk configures Jinja.
 */
import { templateTags } from "./template_tags.ts";

/** A filter: the value, then positional and keyword arguments. */
export type TemplateFilter = (
  value: unknown,
  args: unknown[],
  kwargs: Record<string, unknown>,
) => unknown;

/** Raised for syntax errors and undefined attribute access. */
export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

/** Jinja's undefined value. */
const UNDEFINED = Symbol("undefined");

type Expr =
  | { kind: "literal"; value: unknown }
  | { kind: "name"; name: string }
  | { kind: "get"; target: Expr; key: Expr }
  | { kind: "not"; operand: Expr }
  | { kind: "binary"; op: string; left: Expr; right: Expr }
  | { kind: "filter"; target: Expr; name: string; args: Expr[]; kwargs: Record<string, Expr> };

type Node =
  | { kind: "text"; text: string }
  | { kind: "output"; expr: Expr }
  | { kind: "if"; branches: Array<{ test: Expr; body: Node[] }>; otherwise: Node[] }
  | { kind: "for"; name: string; iterable: Expr; body: Node[] };

/**
 * What one rendering may do: nodes rendered (loop bodies counted per iteration) and characters
 * written. Rendering runs on the event loop and anyone may write a personal template, so nested
 * loops over a package's items and their lists must not hold the server (three loops over 200
 * items were 8 million iterations, 12 s); a newsroom's templates render a few thousand nodes.
 */
const TEMPLATE_LIMITS = { nodes: 200_000, chars: 4_000_000 };

/**
 * Renders `source` with `context`; undefined when it fails (syntax, undefined access, past
 * `TEMPLATE_LIMITS`).
 */
export function renderTemplate(
  source: string,
  context: Record<string, unknown>,
  filters: Record<string, TemplateFilter>,
): string | undefined {
  try {
    const nodes = parse(source, filters);
    const budget = { ...TEMPLATE_LIMITS };
    return renderNodes(nodes, new Map(Object.entries(context)), filters, budget);
  } catch (error) {
    // A RangeError is the template's too: nesting past the stack, an invalid date displayed.
    if (error instanceof TemplateError || error instanceof RangeError) return undefined;
    throw error;
  }
}

// ---- parsing ----

interface Tag {
  kind: "text" | "output" | "statement";
  text: string;
}

function tags(source: string): Tag[] {
  const out: Tag[] = [];
  let last = 0;
  for (const match of templateTags(source)) {
    if (match.index > last) out.push({ kind: "text", text: source.slice(last, match.index) });
    if (match.output !== undefined) out.push({ kind: "output", text: match.output });
    else if (match.statement !== undefined) {
      out.push({ kind: "statement", text: match.statement.trim() });
    }
    last = match.end;
  }
  if (last < source.length) out.push({ kind: "text", text: source.slice(last) });
  for (const tag of out) {
    if (tag.kind === "text" && /\{\{|\{%/.test(tag.text)) throw new TemplateError("unclosed tag");
  }
  return out;
}

function parse(source: string, filters: Record<string, TemplateFilter>): Node[] {
  const list = tags(source);
  let at = 0;
  const block = (ends: string[]): { body: Node[]; end: string } => {
    const body: Node[] = [];
    while (at < list.length) {
      const tag = list[at++]!;
      if (tag.kind === "text") body.push({ kind: "text", text: tag.text });
      else if (tag.kind === "output") {
        body.push({ kind: "output", expr: expression(tag.text, filters) });
      } else {
        const [keyword = ""] = tag.text.split(/\s+/, 1);
        if (ends.includes(keyword)) {
          at--;
          return { body, end: keyword };
        }
        body.push(statement(tag.text, keyword));
      }
    }
    if (ends.length > 0) throw new TemplateError(`expected ${ends.join(" or ")}`);
    return { body, end: "" };
  };
  const statement = (text: string, keyword: string): Node => {
    const rest = text.slice(keyword.length).trim();
    if (keyword === "if") {
      const branches = [{ test: expression(rest, filters), body: [] as Node[] }];
      for (;;) {
        const { body, end } = block(["elif", "else", "endif"]);
        branches.at(-1)!.body = body;
        const tag = list[at++]!;
        if (end === "elif") {
          branches.push({ test: expression(tag.text.slice(4).trim(), filters), body: [] });
        } else if (end === "else") {
          const closing = block(["endif"]);
          at++;
          return { kind: "if", branches, otherwise: closing.body };
        } else {
          return { kind: "if", branches, otherwise: [] };
        }
      }
    }
    if (keyword === "for") {
      const match = /^([A-Za-z_]\w*)\s+in\s+([\s\S]+)$/.exec(rest);
      if (!match) throw new TemplateError("bad for statement");
      const { body } = block(["endfor"]);
      at++;
      return { kind: "for", name: match[1]!, iterable: expression(match[2]!, filters), body };
    }
    throw new TemplateError(`unknown tag "${keyword}"`);
  };
  return block([]).body;
}

const TOKEN =
  /\s*(?:(\d+(?:\.\d+)?)|('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")|([A-Za-z_]\w*)|(==|!=|<=|>=|[<>|.()[\],=]))/y;

function expression(text: string, filters: Record<string, TemplateFilter>): Expr {
  const tokens: Array<{ type: "num" | "str" | "id" | "op"; value: string }> = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const start = TOKEN.lastIndex;
    const match = TOKEN.exec(text);
    if (!match || TOKEN.lastIndex === start) {
      throw new TemplateError(`unexpected "${text.slice(start)}"`);
    }
    if (match[1]) tokens.push({ type: "num", value: match[1] });
    else if (match[2]) tokens.push({ type: "str", value: match[2] });
    else if (match[3]) tokens.push({ type: "id", value: match[3] });
    else tokens.push({ type: "op", value: match[4]! });
  }
  let at = 0;
  const peek = (value?: string) => {
    const token = tokens[at];
    return token && (value === undefined || token.value === value) ? token : undefined;
  };
  const take = (value: string) => {
    if (!peek(value)) throw new TemplateError(`expected "${value}"`);
    at++;
  };
  const or = (): Expr => {
    let left = and();
    while (peek("or")) {
      at++;
      left = { kind: "binary", op: "or", left, right: and() };
    }
    return left;
  };
  const and = (): Expr => {
    let left = not();
    while (peek("and")) {
      at++;
      left = { kind: "binary", op: "and", left, right: not() };
    }
    return left;
  };
  const not = (): Expr => {
    if (peek("not")) {
      at++;
      return { kind: "not", operand: not() };
    }
    return compare();
  };
  const compare = (): Expr => {
    const left = filtered();
    const op = tokens[at];
    if (op && ["==", "!=", "<", ">", "<=", ">=", "in"].includes(op.value)) {
      at++;
      return { kind: "binary", op: op.value, left, right: filtered() };
    }
    return left;
  };
  const filtered = (): Expr => {
    let target = postfix();
    while (peek("|")) {
      at++;
      const name = tokens[at++];
      if (name?.type !== "id" || !(name.value in filters)) {
        throw new TemplateError(`no filter named "${name?.value}"`);
      }
      const args: Expr[] = [];
      const kwargs: Record<string, Expr> = {};
      if (peek("(")) {
        at++;
        while (!peek(")")) {
          if (tokens[at]?.type === "id" && tokens[at + 1]?.value === "=") {
            const key = tokens[at]!.value;
            at += 2;
            kwargs[key] = or();
          } else {
            args.push(or());
          }
          if (!peek(")")) take(",");
        }
        take(")");
      }
      target = { kind: "filter", target, name: name.value, args, kwargs };
    }
    return target;
  };
  const postfix = (): Expr => {
    let target = primary();
    for (;;) {
      if (peek(".")) {
        at++;
        const name = tokens[at++];
        if (name?.type !== "id" && name?.type !== "num") throw new TemplateError("expected a name");
        target = { kind: "get", target, key: { kind: "literal", value: name.value } };
      } else if (peek("[")) {
        at++;
        const key = or();
        take("]");
        target = { kind: "get", target, key };
      } else {
        return target;
      }
    }
  };
  const primary = (): Expr => {
    const token = tokens[at++];
    if (!token) throw new TemplateError("unexpected end of expression");
    if (token.type === "num") return { kind: "literal", value: Number(token.value) };
    if (token.type === "str") {
      return { kind: "literal", value: token.value.slice(1, -1).replace(/\\(.)/g, "$1") };
    }
    if (token.type === "id") {
      if (token.value === "true" || token.value === "True") return { kind: "literal", value: true };
      if (token.value === "false" || token.value === "False") {
        return { kind: "literal", value: false };
      }
      if (token.value === "none" || token.value === "None") return { kind: "literal", value: null };
      return { kind: "name", name: token.value };
    }
    if (token.value === "(") {
      const inner = or();
      take(")");
      return inner;
    }
    throw new TemplateError(`unexpected "${token.value}"`);
  };
  const result = or();
  if (at !== tokens.length) throw new TemplateError(`unexpected "${tokens[at]!.value}"`);
  return result;
}

// ---- evaluation ----

type Scope = Map<string, unknown>;

function renderNodes(
  nodes: Node[],
  scope: Scope,
  filters: Record<string, TemplateFilter>,
  budget: { nodes: number; chars: number },
): string {
  let out = "";
  for (const node of nodes) {
    if (--budget.nodes < 0) throw new TemplateError("the template renders too many nodes");
    if (out.length > budget.chars) throw new TemplateError("the template writes too much");
    if (node.kind === "text") out += node.text;
    else if (node.kind === "output") out += displayValue(evaluate(node.expr, scope, filters));
    else if (node.kind === "if") {
      const branch = node.branches.find((b) => truthy(evaluate(b.test, scope, filters)));
      out += renderNodes(branch ? branch.body : node.otherwise, scope, filters, budget);
    } else {
      const items = evaluate(node.iterable, scope, filters);
      if (items === UNDEFINED || items === null) continue;
      if (!Array.isArray(items)) throw new TemplateError("for loop over a non-list");
      for (const item of items) {
        out += renderNodes(node.body, new Map([...scope, [node.name, item]]), filters, budget);
      }
    }
  }
  if (out.length > budget.chars) throw new TemplateError("the template writes too much");
  return out;
}

function evaluate(expr: Expr, scope: Scope, filters: Record<string, TemplateFilter>): unknown {
  switch (expr.kind) {
    case "literal":
      return expr.value;
    case "name":
      return scope.has(expr.name) ? scope.get(expr.name) : UNDEFINED;
    case "get": {
      const target = evaluate(expr.target, scope, filters);
      const key = evaluate(expr.key, scope, filters);
      if (target === UNDEFINED) throw new TemplateError("attribute of an undefined value");
      if (target === null || typeof target !== "object") return UNDEFINED;
      const value = (target as Record<string, unknown>)[String(key)];
      return Object.hasOwn(target, String(key)) && value !== undefined ? value : UNDEFINED;
    }
    case "not":
      return !truthy(evaluate(expr.operand, scope, filters));
    case "binary":
      return binary(expr, scope, filters);
    case "filter": {
      const value = evaluate(expr.target, scope, filters);
      const args = expr.args.map((arg) => plain(evaluate(arg, scope, filters)));
      const kwargs = Object.fromEntries(
        Object.entries(expr.kwargs).map((
          [key, arg],
        ) => [key, plain(evaluate(arg, scope, filters))]),
      );
      return filters[expr.name]!(plain(value), args, kwargs);
    }
  }
}

function binary(
  expr: Extract<Expr, { kind: "binary" }>,
  scope: Scope,
  filters: Record<string, TemplateFilter>,
): unknown {
  const left = evaluate(expr.left, scope, filters);
  if (expr.op === "and") return truthy(left) ? evaluate(expr.right, scope, filters) : left;
  if (expr.op === "or") return truthy(left) ? left : evaluate(expr.right, scope, filters);
  const a = plain(left);
  const b = plain(evaluate(expr.right, scope, filters));
  switch (expr.op) {
    case "==":
      return a === b;
    case "!=":
      return a !== b;
    case "in":
      return Array.isArray(b) ? b.includes(a) : typeof b === "string" && b.includes(String(a));
    default: {
      if (typeof a !== typeof b || (typeof a !== "number" && typeof a !== "string")) {
        throw new TemplateError(`cannot compare with "${expr.op}"`);
      }
      const [x, y] = [a as number | string, b as number | string];
      return expr.op === "<" ? x < y : expr.op === ">" ? x > y : expr.op === "<=" ? x <= y : x >= y;
    }
  }
}

function plain(value: unknown): unknown {
  return value === UNDEFINED ? undefined : value;
}

function truthy(value: unknown): boolean {
  if (value === UNDEFINED || value === null || value === undefined) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (value instanceof Date) return true;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return Boolean(value);
}

/** How `{{ value }}` shows a value (as Python's `str`: `None`, `True`; lists and dicts as JSON). */
export function displayValue(value: unknown): string {
  if (value === UNDEFINED || value === undefined) return "";
  if (value === null) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}
