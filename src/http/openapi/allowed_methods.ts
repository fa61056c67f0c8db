/**
 * Which methods a path under `/api` serves, read from the OpenAPI path items (the generated
 * resource operations and the ones modules describe): what `Allow` lists on a 405 and on
 * `OPTIONS`. A path parameter matches a segment by its own `schema.pattern` (or `enum`), per
 * operation, so `/users/admin` allows GET (the username lookup) but not PATCH (24-hex ids only).
 * A concrete path wins over templated ones that also fit it, as OpenAPI matches paths:
 * `/archive/translate` allows POST alone, not the methods of `/archive/{id}`.
 */
import type { Json } from "./resource_schemas.ts";

/** Methods in the order `Allow` lists them. */
const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

type Segment = string | RegExp;
interface Route {
  segments: Segment[];
  method: string;
  /** How many of its segments are literal: the most literal routes that fit a path win. */
  literals: number;
}

/**
 * A lookup from a path (relative to `/api`, as the router matches it: `routedPath` of
 * `create_app.ts`) to the methods it serves, empty when none.
 */
export function allowedMethodsIndex(paths: Record<string, Json>): (path: string) => string[] {
  const routes: Route[] = [];
  for (const [template, item] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!ORDER.includes(method.toUpperCase())) continue;
      const segments = segmentsOf(template, (operation as Json).parameters as Json[] | undefined);
      routes.push({
        method: method.toUpperCase(),
        segments,
        literals: segments.filter((segment) => typeof segment === "string").length,
      });
    }
  }
  return (path) => {
    const parts = path.split("/").filter(Boolean);
    const fitting = routes.filter((route) =>
      route.segments.length === parts.length &&
      route.segments.every((segment, i) =>
        typeof segment === "string" ? segment === parts[i] : segment.test(parts[i]!)
      )
    );
    const most = Math.max(...fitting.map((route) => route.literals));
    const methods = new Set(
      fitting.filter((route) => route.literals === most).map((route) => route.method),
    );
    if (methods.has("GET")) methods.add("HEAD");
    return ORDER.filter((method) => methods.has(method));
  };
}

/** The template's segments: literals, and a pattern for each `{name}`. */
function segmentsOf(template: string, parameters: Json[] = []): Segment[] {
  return template.split("/").filter(Boolean).map((segment) => {
    const name = /^\{(.+)\}$/.exec(segment)?.[1];
    if (name === undefined) return segment;
    const parameter = parameters.find((p) => p.in === "path" && p.name === name);
    const schema = parameter?.schema as Json | undefined;
    if (Array.isArray(schema?.enum)) {
      const choices = (schema.enum as unknown[]).map((value) => RegExp.escape(String(value)));
      return new RegExp(`^(?:${choices.join("|")})$`);
    }
    return typeof schema?.pattern === "string" ? new RegExp(schema.pattern) : /^.+$/;
  });
}
