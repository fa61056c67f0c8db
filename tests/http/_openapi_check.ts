/**
 * Checks real responses against the served OpenAPI document: the body of a response to
 * `METHOD /path-template` with its status must validate against the schema the document declares
 * there (JSON Schema 2020-12, as OpenAPI 3.1 uses, by Ajv). A status the operation does not
 * declare, by code or by class (`4XX`), fails.
 */
import assert from "node:assert/strict";
import { Ajv2020 } from "ajv/dist/2020.js";

type Json = Record<string, unknown>;

/** A checker bound to one document. */
export function responseChecker(document: Json) {
  const ajv = new Ajv2020({ strict: false, validateFormats: false, allErrors: true });
  ajv.addSchema(document, "openapi.json");
  const paths = document.paths as Record<string, Record<string, Json>>;
  return async function check(method: string, template: string, response: Response) {
    const operation = paths[template]?.[method.toLowerCase()];
    assert.ok(operation, `the document has no ${method} ${template}`);
    const responses = operation.responses as Record<string, Json>;
    const status = String(response.status);
    const key = status in responses ? status : `${status[0]}XX`;
    assert.ok(key in responses, `${method} ${template} does not declare ${status}`);
    if (response.status === 204 || response.status === 304) return;
    const declared = resolve(document, responses[key]!);
    const content = declared.content as Record<string, { schema: Json }> | undefined;
    const schema = content?.["application/json"]?.schema;
    assert.ok(schema, `${method} ${template} ${key} declares no JSON body`);
    assert.match(response.headers.get("content-type") ?? "", /application\/json/);
    const body = await response.clone().json();
    const pointer = `#/paths/${escape(template)}/${method.toLowerCase()}/responses/${key}`;
    const target = "$ref" in responses[key]! ? `${responses[key]!.$ref}` : pointer;
    const validate = ajv.getSchema(`openapi.json${target}/content/application~1json/schema`) ??
      ajv.compile({ $ref: `openapi.json${target}/content/application~1json/schema` });
    assert.ok(
      validate(body),
      `${method} ${template} ${status}: ${JSON.stringify(validate.errors, null, 1)}\n` +
        JSON.stringify(body),
    );
  };
}

function resolve(document: Json, value: Json): Json {
  if (typeof value.$ref !== "string") return value;
  let node: unknown = document;
  for (const part of value.$ref.slice(2).split("/")) {
    node = (node as Json)[part.replaceAll("~1", "/").replaceAll("~0", "~")];
  }
  return node as Json;
}

function escape(template: string): string {
  return template.replaceAll("~", "~0").replaceAll("/", "~1").replaceAll("{", "%7B")
    .replaceAll("}", "%7D");
}
