/**
 * The `ingest` resource (Superdesk's `superdesk/io/ingest.py`): items as feeds delivered them,
 * before anybody fetched them into the newsroom. Same item schema as `archive` (any string guid:
 * agencies use URLs and tags), search-backed (`/api/search?repo=ingest`), keyed by a generated
 * guid, with a unique `guid` index: one stored item per agency guid, whichever worker wrote it.
 * Lists need Superdesk's global-search privilege; deleting needs `fetch`.
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable } from "../resources/schema/fields.ts";
import {
  ARCHIVE_SEARCH_FIELDS,
  ITEM_ID_PATTERN,
  itemSchema,
} from "../newsroom/archive_resource.ts";
import { SEE_ALL_PRIVILEGE } from "../newsroom/privileges.ts";
import { FETCH_PRIVILEGE } from "./privileges.ts";

/** The ingest item schema: the archive item's, with a free-form guid and ingest bookkeeping. */
export const ingestItemSchema = Type.Object({
  ...itemSchema.properties,
  guid: Type.Optional(Type.String({ minLength: 1 })),
  /** When the item was last fetched into the archive. */
  archived: Type.Optional(Nullable(DateTimeField())),
  /** Routing has still to run for this version (set before storing, cleared after routing). */
  routing_pending: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** The `ingest` definition. */
export const ingestResource = defineResource({
  name: "ingest",
  schema: ingestItemSchema,
  resourceMethods: ["GET"],
  itemMethods: ["GET", "DELETE"],
  privileges: { GET: SEE_ALL_PRIVILEGE, DELETE: FETCH_PRIVILEGE },
  datasource: { defaultSort: [["versioncreated", -1]] },
  itemUrl: ITEM_ID_PATTERN,
  idStyle: "guid",
  searchBacked: true,
  // Superdesk maps ingest items as archive items (`superdesk/metadata/item.py`): words of the
  // headline, slugline, body ... are found.
  searchFields: ARCHIVE_SEARCH_FIELDS,
  notifications: false,
  readOnlyFields: ["routing_pending"],
  indexes: [
    { name: "guid", keys: { guid: 1 }, unique: true },
    { name: "ingest_provider", keys: { ingest_provider: 1 } },
    { name: "expiry", keys: { expiry: 1 } },
    { name: "uri", keys: { uri: 1 } },
  ],
});
