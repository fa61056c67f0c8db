/**
 * `app.itemField`: the field is validated on every item resource, a name the item schema has
 * or another app registered stops the start naming the app, and a bad name is refused.
 */
import assert from "node:assert/strict";
import { defineApp, Type } from "../../src/app_api.ts";
import { createTestApp } from "../_app.ts";

const fieldApp = (name: string, field: string) =>
  defineApp({ name, register: (app) => app.itemField(field, Type.Integer()) });

Deno.test("an item field reaches archive, ingest, published and archive_autosave schemas", async () => {
  const app = await createTestApp({ apps: [fieldApp("scores", "score")] });
  try {
    for (const resource of ["archive", "ingest", "published", "archive_autosave"]) {
      const { schema } = app.platform.registry.service(resource).definition;
      assert.equal(schema.properties.score?.type, "integer", resource);
      assert.ok(!schema.required?.includes("score"), resource);
    }
    assert.ok(
      app.platform.registry.definitions().find((d) => d.name === "archive")?.schema.properties
        .score,
    );
  } finally {
    await app.close();
  }
});

Deno.test("an item field the schema has, one registered twice or a bad name stops the start", async () => {
  await assert.rejects(
    () => createTestApp({ apps: [fieldApp("clash", "headline")] }),
    /already has a field "headline"/,
  );
  await assert.rejects(
    () => createTestApp({ apps: [fieldApp("first", "score"), fieldApp("second", "score")] }),
    /item field "score" is already registered by app "first"/,
  );
  await assert.rejects(
    () => createTestApp({ apps: [fieldApp("dotted", "a.b")] }),
    /item field "a.b"/,
  );
});
