import assert from "node:assert/strict";
import { Type } from "@sinclair/typebox";
import { defineApp } from "../../src/app_api.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import type { Doc } from "../../src/storage/document_store.ts";
import { createTestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";

const brittle = defineResource({
  name: "brittle",
  schema: Type.Object({ name: Type.String() }),
  resourceMethods: ["GET", "POST"],
});

/** A service whose hook fails the way a bug would: a plain Error, not an HttpError. */
class BrittleService extends ResourceService {
  protected override onCreate(_docs: Doc[]): void {
    throw new Error("secret internal detail");
  }
}

const brittleModule = defineApp({
  name: "brittle",
  register: (app) => void app.resource(brittle, new BrittleService(brittle, app.services)),
});

Deno.test("an unexpected error is a JSON 500 envelope that hides the detail", async () => {
  const app = await createTestApp({ apps: [brittleModule] });
  try {
    const admin = await loginAs(app, { username: "admin", admin: true });
    const response = await admin.post("/api/brittle", { name: "x" });
    assert.equal(response.status, 500);
    assert.match(response.headers.get("content-type")!, /application\/json/);
    const body = await response.json();
    assert.deepEqual(body, {
      _status: "ERR",
      _message: "Internal server error",
      _error: { code: 500, message: "Internal server error" },
      internal_error: 500,
    });
    const list = await (await admin.get("/api/brittle")).json();
    assert.equal(list._meta.total, 0, "nothing was stored");
  } finally {
    await app.close();
  }
});
