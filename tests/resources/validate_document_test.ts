import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { DateTimeField, EmailField, ObjectIdField } from "../../src/resources/schema/fields.ts";
import {
  coerceBooleans,
  coerceDates,
  documentValidator,
} from "../../src/resources/schema/validate_document.ts";

const schema = Type.Object({
  name: Type.String({ minLength: 2 }),
  code: Type.Optional(Type.String({ pattern: "^[a-z]+$" })),
  email: Type.Optional(EmailField()),
  age: Type.Optional(Type.Integer({ minimum: 0 })),
  role: Type.Optional(ObjectIdField()),
  born: Type.Optional(DateTimeField()),
  address: Type.Optional(Type.Object({ city: Type.String() }, { additionalProperties: false })),
  tags: Type.Optional(Type.Array(Type.String())),
  events: Type.Optional(Type.Array(Type.Object({ at: DateTimeField() }))),
  kind: Type.Optional(Type.Union([Type.Literal("a"), Type.Literal("b")])),
  flags: Type.Optional(Type.Object({ legal: Type.Boolean(), done: Type.Boolean() })),
  active: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

Deno.test("issues use Superdesk's rule markers and Cerberus wording, nested by field", () => {
  const issues = documentValidator(schema).issues({
    age: "x",
    extra: 1,
    role: "nope",
    born: "yesterday",
    address: {},
    tags: [1],
    kind: "c",
    code: "ABC",
    email: "no at sign",
  });
  assert.deepEqual(issues, {
    name: { required: 1 },
    code: { pattern: 1 },
    email: "must be of email type",
    age: "must be of integer type",
    extra: "unknown field",
    role: "must be of objectid type",
    born: "must be of datetime type",
    address: { city: { required: 1 } },
    tags: { "0": "must be of string type" },
    kind: "unallowed value c",
  });
});

Deno.test("a too short string is Superdesk's {minlength: 1}", () => {
  assert.deepEqual(documentValidator(schema).issues({ name: "a" }), { name: { minlength: 1 } });
});

Deno.test("a valid document has no issues", () => {
  assert.equal(
    documentValidator(schema).issues({ name: "ab", born: "2024-01-02T03:04:05Z" }),
    null,
  );
});

Deno.test("coerceDates turns wire dates (RFC 1123 and ISO) into Date objects, also in arrays", () => {
  const doc: Record<string, unknown> = {
    born: "Tue, 01 Oct 2013 00:59:22 GMT",
    events: [{ at: "2024-01-02T03:04:05Z" }, { at: "2024-01-02T03:04:05+0000" }],
  };
  coerceDates(doc, documentValidator(schema).datePaths);
  assert.ok(doc.born instanceof Date);
  assert.equal(
    (doc.events as Array<{ at: Date }>)[0]!.at.toISOString(),
    "2024-01-02T03:04:05.000Z",
  );
  assert.equal(
    (doc.events as Array<{ at: Date }>)[1]!.at.toISOString(),
    "2024-01-02T03:04:05.000Z",
  );
});

Deno.test("coerceBooleans reads Eve's boolean strings and 1/0; other values stay for the validator", () => {
  const doc: Record<string, unknown> = {
    active: "True",
    flags: { legal: 0, done: "yes" },
    name: "true",
  };
  coerceBooleans(doc, documentValidator(schema).booleanPaths);
  assert.deepEqual(doc, { active: true, flags: { legal: false, done: "yes" }, name: "true" });
  assert.deepEqual(documentValidator(schema).issues(doc), {
    flags: { done: "must be of boolean type" },
  });
});

Deno.test("a list of unique items with a repeated one is Superdesk's unique_list issue", () => {
  const labels = Type.Object({ labels: Type.Array(Type.String(), { uniqueItems: true }) });
  assert.deepEqual(documentValidator(labels).issues({ labels: ["a", "b", "a"] }), {
    labels: "Must contain unique items only.",
  });
});
