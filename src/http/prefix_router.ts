/**
 * The router of the application (a Hono `Router`): the same answers as Hono's TrieRouter, in a
 * fraction of its time on our route table. Hono's RegExpRouter refuses our table (a resource's
 * item pattern beside its lookup pattern or an action path, e.g. `/api/archive/:id{...}` and
 * `/api/archive/spike/:id{...}`), so Hono fell back to the TrieRouter, which walks every
 * segment through every pattern node and sorts the matches on each request. Here each route is
 * filed under its static prefix (the segments before its first parameter or wildcard); a request
 * walks those prefixes with one map look-up per segment, and only the routes filed on that walk
 * (typically the pipeline's middleware and one resource's routes) are tested, in registration
 * order: `*` and `/static/*` by comparing the prefix, static paths by equality, static segments
 * with named parameters by one anchored expression, other shapes (optional parameters) by Hono's
 * PatternRouter. Expressions are compiled on a route's first test, so start-up compiles nothing.
 * Paths are routed as the application gives them, without a trailing slash (routes of the last
 * kind would also take one, where TrieRouter would not).
 */
import type { Params, Result, Router } from "hono/router";
import { PatternRouter } from "hono/router/pattern-router";

/** How a route is tested against a path. */
const enum Kind {
  /** `*` or `/*`: every path. */
  Every,
  /** `/static/*`: the prefix itself or any path under it. */
  Under,
  /** No parameter or wildcard: the same path. */
  Exact,
  /** Static segments and named parameters: one anchored expression. */
  Params,
  /** Anything else (optional parameters, inner wildcards), by Hono's PatternRouter. */
  Pattern,
}

/** One route, ready to test. */
interface Matcher<T> {
  kind: Kind;
  /** The path (Exact) or the prefix (Under). */
  text: string;
  /** The match of a route without parameters, shared by every request (Hono never mutates it). */
  hit: [T, Params];
  /** Params routes: the expression, compiled on first use. */
  expression: RegExp | undefined;
  /** Pattern routes: a PatternRouter holding this route alone, built on first use. */
  pattern: PatternRouter<T> | undefined;
  method: string;
  path: string;
}

/** One node of the static-prefix tree. */
interface PrefixNode<T> {
  parent: PrefixNode<T> | undefined;
  children: Map<string, PrefixNode<T>>;
  /** Indexes (registration order) of the routes whose static prefix ends here. */
  own: number[];
  /**
   * Per method the table names (`ALL` standing for every other), the routes that can match a
   * path whose walk ends here; built on first use. Bounded: a client's made-up method tokens all
   * share the `ALL` list.
   */
  byMethod: Map<string, Matcher<T>[]>;
}

/** A segment that is not matched literally: a parameter, a wildcard or an optional part. */
const DYNAMIC = /[:*?{]/;
const NO_PARAMS: Params = Object.freeze(Object.create(null));

/** The static-prefix router (see the module's comment). */
export class PrefixRouter<T> implements Router<T> {
  readonly name = "PrefixRouter";
  #matchers: Matcher<T>[] = [];
  /** The methods routes are registered with. */
  #methods = new Set<string>();
  #root: PrefixNode<T> | undefined;

  add(method: string, path: string, handler: T): void {
    this.#matchers.push(matcherOf(method, path, handler));
    this.#methods.add(method);
    this.#root = undefined;
  }

  /** How many candidate lists are cached (for tests: bounded by prefixes × methods routed). */
  get cachedLists(): number {
    let count = 0;
    const visit = (node: PrefixNode<T>) => {
      count += node.byMethod.size;
      node.children.forEach(visit);
    };
    if (this.#root) visit(this.#root);
    return count;
  }

  match(method: string, path: string): Result<T> {
    let node = this.#root ??= this.#tree();
    let start = path.charCodeAt(0) === 47 ? 1 : 0; // after a leading "/"
    while (node.children.size > 0) {
      const end = path.indexOf("/", start);
      const child = node.children.get(end < 0 ? path.slice(start) : path.slice(start, end));
      if (!child) break;
      node = child;
      if (end < 0) break;
      start = end + 1;
    }
    const listed = this.#methods.has(method) ? method : "ALL";
    let candidates = node.byMethod.get(listed);
    if (!candidates) node.byMethod.set(listed, candidates = this.#candidates(node, listed));
    const found: [T, Params][] = [];
    for (const matcher of candidates) {
      const { kind, text } = matcher;
      if (kind === Kind.Every) found.push(matcher.hit);
      else if (kind === Kind.Exact) {
        if (path === text) found.push(matcher.hit);
      } else if (kind === Kind.Under) {
        if (
          path.startsWith(text) &&
          (path.length === text.length || path.charCodeAt(text.length) === 47)
        ) found.push(matcher.hit);
      } else if (kind === Kind.Params) {
        const groups = (matcher.expression ??= new RegExp(text)).exec(path)?.groups;
        if (groups) found.push([matcher.hit[0], groups]);
      } else {
        matcher.pattern ??= patternRouter(matcher);
        for (const hit of matcher.pattern.match(method, path)[0] as [T, Params][]) found.push(hit);
      }
    }
    return [found];
  }

  /** Files every route under its static prefix. */
  #tree(): PrefixNode<T> {
    const root = prefixNode<T>(undefined);
    this.#matchers.forEach(({ path }, index) => {
      let node = root;
      for (const segment of staticPrefix(path)) {
        let child = node.children.get(segment);
        if (!child) node.children.set(segment, child = prefixNode(node));
        node = child;
      }
      node.own.push(index);
    });
    return root;
  }

  /** The routes of `method` filed at `node` and above it, in registration order. */
  #candidates(node: PrefixNode<T>, method: string): Matcher<T>[] {
    const indexes: number[] = [];
    for (let at: PrefixNode<T> | undefined = node; at; at = at.parent) indexes.push(...at.own);
    return indexes.sort((a, b) => a - b).map((index) => this.#matchers[index]!)
      .filter((matcher) => matcher.method === method || matcher.method === "ALL");
  }
}

function matcherOf<T>(method: string, path: string, handler: T): Matcher<T> {
  const hit: [T, Params] = [handler, NO_PARAMS];
  const base = { hit, expression: undefined, pattern: undefined, method, path };
  if (path === "*" || path === "/*") return { kind: Kind.Every, text: "", ...base };
  if (!DYNAMIC.test(path)) return { kind: Kind.Exact, text: path, ...base };
  const prefix = path.slice(0, -2);
  if (path.endsWith("/*") && !DYNAMIC.test(prefix)) {
    return { kind: Kind.Under, text: prefix, ...base };
  }
  const source = paramsExpression(path);
  if (source !== undefined) return { kind: Kind.Params, text: source, ...base };
  return { kind: Kind.Pattern, text: path, ...base };
}

/** A `:name` or `:name{expression}` segment (the expression may hold `{n,m}` counts). */
const PARAM = /^:(\w+)(?:\{((?:\{[\d,]+\}|[^{}])+)\})?$/;
const REGEX_SPECIAL = /[.\\+*?[^\]$(){}|]/g;

/**
 * The anchored expression of a path of static segments and named parameters, each parameter a
 * named group matching its expression (one segment by default), as PatternRouter builds it but
 * without its optional trailing slash; undefined for other shapes.
 */
function paramsExpression(path: string): string | undefined {
  if (!path.startsWith("/")) return undefined;
  let source = "^";
  for (const segment of path.slice(1).split("/")) {
    const param = PARAM.exec(segment);
    if (param) source += `/(?<${param[1]}>${param[2] ?? "[^/]+"})`;
    else if (DYNAMIC.test(segment)) return undefined;
    else source += `/${segment.replace(REGEX_SPECIAL, "\\$&")}`;
  }
  return `${source}$`;
}

function patternRouter<T>({ method, path, hit }: Matcher<T>): PatternRouter<T> {
  const router = new PatternRouter<T>();
  router.add(method, path, hit[0]);
  return router;
}

function prefixNode<T>(parent: PrefixNode<T> | undefined): PrefixNode<T> {
  return { parent, children: new Map(), own: [], byMethod: new Map() };
}

/** The segments of `path` before its first dynamic one (all of them for a static path). */
function staticPrefix(path: string): string[] {
  const segments = path.split("/");
  if (segments[0] === "") segments.shift();
  const dynamic = segments.findIndex((segment) => DYNAMIC.test(segment));
  return dynamic < 0 ? segments : segments.slice(0, dynamic);
}
