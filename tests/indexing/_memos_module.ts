/**
 * Search-backed test resources: `memos` (full-text title/body, a hidden field, dates top-level,
 * nested, listed and nullable beside a string that only looks like one, and a visibility filter:
 * users see public memos and their own private ones) and `briefs` (GET needs the `briefs`
 * privilege), for list, /api/search and consistency tests.
 */
import { Type } from "@sinclair/typebox";
import { defineApp } from "../../src/app_api.ts";
import type { Actor } from "../../src/resources/actor.ts";
import { defineResource } from "../../src/resources/resource_definition.ts";
import { ResourceService } from "../../src/resources/resource_service.ts";
import { DateTimeField, Nullable } from "../../src/resources/schema/fields.ts";
import type { Filter } from "../../src/storage/document_store.ts";

export const memos = defineResource({
  name: "memos",
  schema: Type.Object({
    title: Type.String(),
    body: Type.Optional(Type.String()),
    tags: Type.Optional(Type.Array(Type.String())),
    priority: Type.Optional(Type.Integer()),
    owner: Type.Optional(Type.String()),
    private: Type.Optional(Type.Boolean()),
    due: Type.Optional(DateTimeField()),
    schedule: Type.Optional(Type.Object({ at: DateTimeField(), note: Type.String() })),
    reminders: Type.Optional(Type.Array(DateTimeField())),
    /** A string that only looks like a date (not converted). */
    ref: Type.Optional(Type.String()),
    cleared: Type.Optional(Nullable(DateTimeField())),
    secret: Type.Optional(Type.String()),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST", "DELETE"],
  itemMethods: ["GET", "PATCH", "PUT", "DELETE"],
  searchBacked: true,
  searchFields: { title: "text", body: "text" },
  hiddenFields: ["secret"],
});

export const briefs = defineResource({
  name: "briefs",
  schema: Type.Object({ title: Type.String() }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH"],
  privileges: { GET: "briefs" },
  searchBacked: true,
  searchFields: { title: "text" },
});

/** Users other than admins see public memos and their own private ones. */
class MemoService extends ResourceService {
  protected override visibilityFilter(actor: Actor): Filter | undefined {
    if (actor.kind === "system" || actor.isAdmin) return undefined;
    return { $or: [{ private: { $ne: true } }, { owner: actor.userId ?? "" }] };
  }
}

/** Registers `memos` and `briefs`, and the privilege reading briefs needs. */
export const memosModule = defineApp({
  name: "memos_test",
  register(app) {
    app.privileges({ name: "briefs", label: "Briefs" });
    app.resource(memos, new MemoService(memos, app.services));
    app.resource(briefs);
  },
});
