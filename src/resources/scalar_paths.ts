/**
 * Whether a resource schema lets a document hold an array on a dotted path (or on a prefix of
 * it): the check behind `IndexSpec.scalar`, whose fields the embedded store then treats as never
 * multikey. `defineResource` runs it, so a schema change that lets an array in cannot silently
 * break equality queries on such an index. A path through an object property the schema does
 * not declare, an open object (`additionalProperties` not false), a record of unknown values or
 * an unconstrained value (`Type.Unknown`, `Type.Any`) may hold anything, arrays included; a
 * union may if any member may. Eve's meta fields (`_id`, `_created`, `_updated`, `_etag`) are
 * set by the server, never arrays.
 */
import type { TSchema } from "@sinclair/typebox";

/** The server-set fields a resource schema does not declare. */
const META_FIELDS = new Set(["_id", "_created", "_updated", "_etag"]);

interface Node {
  type?: string | string[];
  anyOf?: Node[];
  oneOf?: Node[];
  allOf?: Node[];
  const?: unknown;
  enum?: unknown[];
  properties?: Record<string, Node>;
  patternProperties?: Record<string, Node>;
  additionalProperties?: boolean | Node;
}

/** True when `schema` allows an array on `path` or on one of its prefixes. */
export function mayHoldArray(schema: TSchema, path: string): boolean {
  if (META_FIELDS.has(path)) return false;
  let nodes: Node[] = [schema as Node];
  for (const segment of path.split(".")) {
    const next: Node[] = [];
    for (const node of nodes.flatMap(members)) {
      if (open(node)) return true;
      if (!allows(node, "object")) continue;
      const declared = node.properties?.[segment];
      const patterns = Object.values(node.patternProperties ?? {});
      if (declared) next.push(declared);
      else if (patterns.length > 0) next.push(...patterns);
      else if (typeof node.additionalProperties === "object") next.push(node.additionalProperties);
      else if (node.additionalProperties !== false) return true;
    }
    nodes = next;
  }
  return nodes.flatMap(members).some(open);
}

/** A union's members (nested unions flattened); an intersection's parts, conservatively. */
function members(node: Node): Node[] {
  const parts = node.anyOf ?? node.oneOf ?? node.allOf;
  return parts ? parts.flatMap(members) : [node];
}

/** Whether `node` may be an array or anything at all. */
function open(node: Node): boolean {
  if (allows(node, "array")) return true;
  return node.type === undefined && node.const === undefined && node.enum === undefined;
}

function allows(node: Node, type: string): boolean {
  return Array.isArray(node.type) ? node.type.includes(type) : node.type === type;
}
