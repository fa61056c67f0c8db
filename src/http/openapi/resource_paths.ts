/**
 * The OpenAPI path items of one resource, from its definition: the collection (`/{url}`) and
 * item (`/{url}/{id}`) operations it allows, with human titles ("List users", "Get a user"),
 * parameters, bodies, response schemas and headers, privileges and public methods, and links
 * from an answer that names an item (a create, a read, a write) to the operations on that item,
 * with its id and `_etag` (what an API client, or a stateful fuzzer, follows).
 */
import { jsonContent } from "./json_content.ts";
import type { HttpMethod, ResourceDefinition } from "../../resources/resource_definition.ts";
import { docNouns, pascal, withArticle } from "./doc_nouns.ts";
import { errorResponses } from "./error_responses.ts";
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
      responses: {
        ...(extra.responses as Json),
        // Writes may always answer 403 (`error_responses.ts`); reads when a privilege guards them.
        ...(privilege && method === "GET" ? errorResponses(403) : {}),
      },
    };
  };
  // The ETag header of an answer carrying one item (a version list has none).
  const etag = (required: boolean) => ({ ETag: { ...HEADER_ETAG, required } });
  const location = { Location: { ...HEADER_LOCATION, required: true } };
  const itemOperations = itemOperationIds(definition, nouns.one);
  const links = (exclude?: string) => ({ links: itemLinks(itemOperations, exclude) });
  const collection: Json = {};
  const item: Json = {};
  const allows = (methods: readonly string[], method: string) => methods.includes(method);

  if (allows(definition.resourceMethods, "GET")) {
    collection.get = op("GET", `list${pascal(nouns.many)}`, `List ${nouns.many}`, {
      parameters: LIST_PARAMETER_REFS,
      responses: {
        "200": {
          description: `A page of ${nouns.many}`,
          headers: { "X-Total-Count": shared("headers", "XTotalCount") },
          ...jsonContent(ref(names.list)),
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
        ...jsonContent({
          anyOf: [ref(names.create), { type: "array", items: ref(names.create), minItems: 1 }],
        }),
      },
      responses: {
        "201": {
          description: `Created; \`Location\` names the (first) new ${nouns.one}`,
          headers: location,
          ...links(),
          ...jsonContent({
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
    item.get = op("GET", itemOperations.GET!, `Get ${one}`, {
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
          headers: {
            ...etag(!definition.versioning),
            "Last-Modified": shared("headers", "LastModified"),
          },
          ...links(itemOperations.GET),
          ...jsonContent(
            definition.versioning ? { anyOf: [ref(names.item), ref(names.list)] } : ref(names.item),
          ),
        },
        "304": { description: "Not modified since `If-None-Match` / `If-Modified-Since`" },
      },
    });
  }
  const writes = [
    ["PATCH", "Update", names.update, "Changes the fields sent; the others stay.", "IfMatch"],
    [
      "PUT",
      "Replace",
      names.create,
      "Replaces the whole item; creates it if missing.",
      "IfMatchWhenExists",
    ],
    ["DELETE", "Delete", undefined, "Deleting a missing item succeeds.", "IfMatchWhenExists"],
  ] as const;
  for (const [method, title, body, description, ifMatch] of writes) {
    if (!allows(definition.itemMethods, method)) continue;
    const written = (status: string, text: string) => ({
      [status]: {
        description: text,
        headers: status === "201" ? { ...etag(true), ...location } : etag(true),
        ...links(),
        ...jsonContent(ref(names.written)),
      },
    });
    const responses = method === "DELETE"
      ? { "204": { description: "Deleted" } }
      : method === "PUT"
      ? {
        ...written("200", "Replaced"),
        ...written("201", `Created (there was no such ${nouns.one})`),
      }
      : written("200", "Updated");
    item[method.toLowerCase()] = op(method, itemOperations[method]!, `${title} ${one}`, {
      description,
      parameters: [idParameter(false), shared("parameters", ifMatch)],
      ...(body ? { requestBody: { required: true, ...jsonContent(ref(body)) } } : {}),
      responses,
    });
  }
  const paths: Record<string, Json> = {};
  if (Object.keys(collection).length > 0) paths[`/${definition.url}`] = collection;
  if (Object.keys(item).length > 0) paths[`/${definition.url}/{id}`] = item;
  return paths;
}

const HEADER_ETAG = { description: "The item's `_etag`, quoted", schema: { type: "string" } };
const HEADER_LOCATION = { description: "URL of the new item", schema: { type: "string" } };

/** The operationId of each item method the resource allows (`getUser`, `updateUser` ...). */
function itemOperationIds(definition: ResourceDefinition, one: string) {
  const verbs = { GET: "get", PATCH: "update", PUT: "replace", DELETE: "delete" } as const;
  const ids: Partial<Record<keyof typeof verbs, string>> = {};
  for (const method of definition.itemMethods) ids[method] = `${verbs[method]}${pascal(one)}`;
  return ids;
}

/**
 * Links from an answer carrying one item to the item operations (`exclude` left out): its
 * `_id` as the path id, its `_etag` as `If-Match` for writes.
 */
function itemLinks(operations: ReturnType<typeof itemOperationIds>, exclude?: string): Json {
  const links: Json = {};
  for (const method of ["GET", "PATCH", "PUT", "DELETE"] as const) {
    const operationId = operations[method];
    if (!operationId || operationId === exclude) continue;
    links[operationId.charAt(0).toUpperCase() + operationId.slice(1)] = {
      operationId,
      parameters: {
        "path.id": "$response.body#/_id",
        ...(method === "GET" ? {} : { "header.If-Match": "$response.body#/_etag" }),
      },
    };
  }
  return links;
}

/** The tag grouping a resource's operations: its many-noun, capitalised. */
export function tagName(definition: ResourceDefinition): string {
  const many = docNouns(definition).many;
  return many.charAt(0).toUpperCase() + many.slice(1);
}

/** The query parameters of a list (`#/components/parameters/...`), for modules' lists too. */
export const LIST_PARAMETER_REFS: readonly Json[] = [
  "where",
  "sort",
  "page",
  "max_results",
  "projection",
  "embedded",
  "q",
  "df",
  "default_operator",
  "cursor",
].map((name) => shared("parameters", name));
