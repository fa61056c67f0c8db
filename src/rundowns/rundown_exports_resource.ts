/**
 * `rundown_exports`: the download links of rundown exports (Superdesk signs them as a JWT valid
 * 7 days; ours is a random token stored with its format, rundown and expiry). Not routed: read
 * by `export_routes.ts` through `RundownExportService`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, ObjectIdField } from "../resources/schema/fields.ts";

/** The `rundown_exports` definition. */
export const rundownExportsResource = defineResource({
  name: "rundown_exports",
  schema: Type.Object({
    format: Type.String(),
    rundown: ObjectIdField(),
    expires_at: DateTimeField(),
  }),
  internal: true,
  itemUrl: "[a-f0-9]{32}",
});
