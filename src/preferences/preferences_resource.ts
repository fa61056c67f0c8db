/**
 * The `preferences` resource (Superdesk's `apps/preferences.py`): one document per session,
 * `GET`/`PATCH /api/preferences/<session_id>` (no list: 405). It is the web client's only source
 * of privileges (`active_privileges`) and holds `user_preferences` (the user's, shared by their
 * sessions), `session_preferences` (this session's) and `allowed_actions`. Stored per user in
 * the `preferences` collection (`_id` = the user's id); its `_etag` guards PATCH (If-Match).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";

/** The `preferences` definition. */
export const preferencesResource = defineResource({
  name: "preferences",
  schema: Type.Object({
    // Any value per preference, as Superdesk's `allow_unknown` dict: the client stores some as
    // lists (`dashboard:ingest`).
    user_preferences: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    session_preferences: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }, { additionalProperties: false }),
  resourceMethods: [],
  itemMethods: ["GET", "PATCH"],
});
