/**
 * Which methods a path under `/api` serves, read from the OpenAPI path items (the generated
 * resource operations and the ones modules describe): what `Allow` lists on a 405 and on
 * `OPTIONS`. A path parameter matches a segment by its own `schema.pattern` (or `enum`), per
 * operation, so `/users/admin` allows GET (the username lookup) but not PATCH (24-hex ids only).
 */
import type { Json } from "./resource_schemas.ts";

/** Methods in the order `Allow` lists them. */
const ORDER = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"];

type Segment = string | RegExp;
interface Route {
  segments: Segment[];
  method: string;
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
      routes.push({
        method: method.toUpperCase(),
        segments: segmentsOf(template, (operation as Json).parameters as Json[] | undefined),
      });
    }
  }
  return (path) => {
    const parts = path.split("/").filter(Boolean);
    const methods = new Set<string>();
    for (const route of routes) {
      if (route.segments.length !== parts.length) continue;
      const fits = route.segments.every((segment, i) =>
        typeof segment === "string" ? segment === parts[i] : segment.test(parts[i]!)
      );
      if (fits) methods.add(route.method);
    }
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
