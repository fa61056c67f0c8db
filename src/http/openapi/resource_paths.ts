/**
 * The OpenAPI path items of one resource, from its definition: the collection (`/{url}`) and
 * item (`/{url}/{id}`) operations it allows, with human titles ("List users", "Get a user"),
 * parameters, bodies, response schemas and headers, privileges and public methods.
 */
import type { HttpMethod, ResourceDefinition } from "../../resources/resource_definition.ts";
import { docNouns, pascal, withArticle } from "./doc_nouns.ts";
import { type Json, schemaNames } from "./resource_schemas.ts";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const shared = (kind: "parameters" | "responses" | "headers", name: string) => ({
  $ref: `#/components/${kind}/${name}`,
});

/** `{"/users": {...}, "/users/{id}": {...}}` for `definition`. */
export function resourcePaths(definition: ResourceDefinition): Record<string, Json> {
  const nouns = docNouns(definition);
  const names = schemaNames(definition);
  const one = withArticle(nouns.one);
  const tags = [tagName(definition)];
  const op = (method: HttpMethod, operationId: string, summary: string, extra: Json): Json => {
    const privilege = definition.privileges[method];
    const notes = [extra.description, privilege && `Requires the \`${privilege}\` privilege.`];
    const description = notes.filter(Boolean).join(" ");
    return {
      tags,
      operationId,
      summary,
      ...(definition.publicMethods.includes(method) ? { security: [] } : {}),
      ...extra,
      ...(description ? { description } : {}),
      responses: { ...(extra.responses as Json), "4XX": shared("responses", "Error") },
    };
  };
  const json = (schema: Json) => ({ content: { "application/json": { schema } } });
  const etag = { ETag: shared("headers", "ETag") };
  const collection: Json = {};
  const item: Json = {};
  const allows = (methods: readonly string[], method: string) => methods.includes(method);

  if (allows(definition.resourceMethods, "GET")) {
    collection.get = op("GET", `list${pascal(nouns.many)}`, `List ${nouns.many}`, {
      parameters: LIST_PARAMETERS.map((name) => shared("parameters", name)),
      responses: {
        "200": {
          description: `A page of ${nouns.many}`,
          headers: { "X-Total-Count": shared("headers", "XTotalCount") },
          ...json(ref(names.list)),
        },
      },
    });
  }
  if (allows(definition.resourceMethods, "POST")) {
    collection.post = op("POST", `create${pascal(nouns.one)}`, `Create ${one}`, {
      description: `Send one object, or an array of them to create several ${nouns.many} at ` +
        "once (all or nothing).",
      requestBody: {
        required: true,
        ...json({ anyOf: [ref(names.create), { type: "array", items: ref(names.create) }] }),
      },
      responses: {
        "201": {
          description: `Created; \`Location\` names the (first) new ${nouns.one}`,
          headers: { Location: shared("headers", "Location") },
          ...json({
            anyOf: [ref(names.written), {
              type: "object",
              properties: {
                _status: { const: "OK" },
                _items: { type: "array", items: ref(names.written) },
              },
              required: ["_items"],
            }],
          }),
        },
      },
    });
  }
  if (allows(definition.resourceMethods, "DELETE")) {
    collection.delete = op("DELETE", `deleteAll${pascal(nouns.many)}`, `Delete all ${nouns.many}`, {
      responses: { "204": { description: "Deleted" } },
    });
  }

  const idParameter = (lookup: boolean): Json => ({
    name: "id",
    in: "path",
    required: true,
    description: lookup && definition.additionalLookup
      ? `The ${nouns.one}'s id, or its \`${definition.additionalLookup.field}\``
      : `The ${nouns.one}'s id`,
    schema: {
      type: "string",
      pattern: lookup && definition.additionalLookup
        ? `^(?:${definition.itemUrl}|${definition.additionalLookup.url})$`
        : `^${definition.itemUrl}$`,
    },
  });
  if (allows(definition.itemMethods, "GET")) {
    item.get = op("GET", `get${pascal(nouns.one)}`, `Get ${one}`, {
      parameters: [
        idParameter(true),
        shared("parameters", "embedded"),
        shared("parameters", "IfNoneMatch"),
        shared("parameters", "IfModifiedSince"),
        ...(definition.versioning ? [shared("parameters", "version")] : []),
      ],
      responses: {
        "200": {
          description: definition.versioning
            ? `The ${nouns.one}; with \`version\`, one version or a page of them`
            : `The ${nouns.one}`,
          headers: { ...etag, "Last-Modified": shared("headers", "LastModified") },
          ...json(
            definition.versioning ? { anyOf: [ref(names.item), ref(names.list)] } : ref(names.item),
          ),
        },
        "304": { description: "Not modified since `If-None-Match` / `If-Modified-Since`" },
      },
    });
  }
  const writes = [
    ["PATCH", "update", "Update", names.update, "Changes the fields sent; the others stay."],
    ["PUT", "replace", "Replace", names.create, "Replaces the whole item; creates it if missing."],
    ["DELETE", "delete", "Delete", undefined, undefined],
  ] as const;
  for (const [method, verb, title, body, description] of writes) {
    if (!allows(definition.itemMethods, method)) continue;
    const written = method === "DELETE"
      ? { "204": { description: "Deleted" } }
      : { "200": { description: "Written", headers: etag, ...json(ref(names.written)) } };
    item[method.toLowerCase()] = op(method, `${verb}${pascal(nouns.one)}`, `${title} ${one}`, {
      ...(description ? { description } : {}),
      parameters: [idParameter(false), shared("parameters", "IfMatch")],
      ...(body ? { requestBody: { required: true, ...json(ref(body)) } } : {}),
      responses: written,
    });
  }
  const paths: Record<string, Json> = {};
  if (Object.keys(collection).length > 0) paths[`/${definition.url}`] = collection;
  if (Object.keys(item).length > 0) paths[`/${definition.url}/{id}`] = item;
  return paths;
}

/** The tag grouping a resource's operations: its many-noun, capitalised. */
export function tagName(definition: ResourceDefinition): string {
  const many = docNouns(definition).many;
  return many.charAt(0).toUpperCase() + many.slice(1);
}

const LIST_PARAMETERS = [
  "where",
  "sort",
  "page",
  "max_results",
  "projection",
  "embedded",
  "q",
  "cursor",
];
