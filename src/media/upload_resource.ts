/**
 * The `upload` resource (Superdesk's `superdesk/upload.py`): a stored file and its renditions,
 * made by `POST /api/upload` (a multipart `media` file or a `URL`; `media_routes.ts`), read and
 * deleted as any resource. Any signed-in user may upload (their avatar: Superdesk's intrinsic
 * privilege); deleting needs `archive`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { Nullable } from "../resources/schema/fields.ts";

/** The privilege of media items and of deleting uploads. */
export const ARCHIVE_PRIVILEGE = "archive";

/** The `upload` definition. */
export const uploadResource = defineResource({
  name: "upload",
  schema: Type.Object({
    media: Type.Optional(Type.String()),
    mimetype: Type.Optional(Type.String()),
    filemeta: Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown()))),
    filemeta_json: Type.Optional(Type.String()),
    renditions: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET"],
  itemMethods: ["GET", "DELETE"],
  privileges: { DELETE: ARCHIVE_PRIVILEGE },
});
