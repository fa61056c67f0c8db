/**
 * The `archive` resource: content items (Superdesk's `apps/archive/archive.py`, schema from
 * `superdesk/metadata/item.py`), keyed by their guid, versioned into `archive_versions`,
 * search-backed. There is no DELETE: content goes through spike and then expiry.
 */
import { type TSchema, Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { DateTimeField, Nullable, ObjectIdField } from "../resources/schema/fields.ts";
import { ITEM_STATES } from "./item_state.ts";
import { ARCHIVE_PRIVILEGE } from "./privileges.ts";

/** Item ids in URLs: Superdesk guids (`urn:newsml:host:time:uuid`) or bare UUIDs. */
export const ITEM_ID_PATTERN = "[\\w,.:-]+";

const Text = () => Type.Optional(Nullable(Type.String()));
const Dict = () => Type.Optional(Nullable(Type.Record(Type.String(), Type.Unknown())));
const List = (items: TSchema = Type.Unknown()) => Type.Optional(Nullable(Type.Array(items)));
const When = () => Type.Optional(Nullable(DateTimeField()));
const Flag = () => Type.Optional(Nullable(Type.Boolean()));
const Ref = () => Type.Optional(Nullable(ObjectIdField()));
const enumOf = (values: readonly string[]) =>
  Type.Union(values.map((value) => Type.Literal(value)));
/** A controlled-vocabulary entry (`subject`, `genre`, `anpa_category`, `place`). */
const CvItem = Type.Object({ qcode: Type.Optional(Type.String()), name: Type.Optional(Text()) }, {
  additionalProperties: true,
});

/**
 * A package group, its ids and references mapped as Superdesk's item mapping has them
 * (`groups`: `id` and the references' ids, type and location exact; their `headline` and
 * `slugline` full text, so a package is found by what it holds). Other keys are kept as sent.
 */
const GroupSchema = Type.Object({
  id: Text(),
  refs: List(
    Type.Object({
      idRef: Text(),
      _id: Text(),
      uri: Text(),
      guid: Text(),
      type: Text(),
      location: Text(),
      headline: Text(),
      slugline: Text(),
    }, { additionalProperties: true }),
  ),
}, { additionalProperties: true });

/** Item flags (Superdesk's `flags`); the marks are searchable booleans. */
const FlagsSchema = Type.Object({
  marked_for_not_publication: Type.Optional(Type.Boolean()),
  marked_for_legal: Type.Optional(Type.Boolean()),
  marked_archived_only: Type.Optional(Type.Boolean()),
  marked_for_sms: Type.Optional(Type.Boolean()),
}, { additionalProperties: true });

/** Content types. */
export const ITEM_TYPES = [
  "text",
  "preformatted",
  "audio",
  "video",
  "picture",
  "graphic",
  "composite",
] as const;

/**
 * Where an item is: desk, stage, assigned user, and its desk history; as a task (`/api/tasks`),
 * its due date and when it was started and finished, which a client saving the item sends back.
 */
export const taskSchema = Type.Object({
  desk: Ref(),
  stage: Ref(),
  user: Ref(),
  status: Text(),
  due_date: When(),
  started_at: When(),
  finished_at: When(),
  last_desk: Ref(),
  desk_history: List(Type.String()),
  last_authoring_desk: Ref(),
  last_production_desk: Ref(),
}, { additionalProperties: false });

/** The item schema; unknown fields are refused. */
export const itemSchema = Type.Object({
  guid: Type.Optional(Type.String({ pattern: `^${ITEM_ID_PATTERN}$` })),
  uri: Text(),
  unique_id: Type.Optional(Type.Integer()),
  unique_name: Text(),
  family_id: Text(),
  event_id: Text(),
  type: Type.Optional(enumOf(ITEM_TYPES)),
  state: Type.Optional(enumOf(ITEM_STATES)),
  revert_state: Type.Optional(Nullable(enumOf(ITEM_STATES))),
  operation: Text(),
  pubstatus: Type.Optional(Nullable(enumOf(["usable", "withheld", "canceled"]))),
  version: Type.Optional(Type.Integer({ minimum: 0 })),
  headline: Text(),
  slugline: Text(),
  abstract: Text(),
  body_html: Text(),
  body_text: Text(),
  body_footer: Text(),
  byline: Text(),
  sign_off: Text(),
  ednote: Text(),
  description_text: Text(),
  alt_text: Text(),
  word_count: Type.Optional(Type.Integer({ minimum: 0 })),
  keywords: List(Type.String()),
  language: Text(),
  source: Text(),
  credit: Text(),
  copyrightholder: Text(),
  copyrightnotice: Text(),
  usageterms: Text(),
  subject: List(CvItem),
  anpa_category: List(CvItem),
  genre: List(CvItem),
  place: List(CvItem),
  dateline: Type.Optional(Nullable(Type.Object({
    date: Type.Optional(Nullable(DateTimeField())),
  }, { additionalProperties: true }))),
  priority: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 6 }))),
  urgency: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 5 }))),
  profile: Text(),
  flags: Type.Optional(Nullable(FlagsSchema)),
  associations: Dict(),
  // What the associations embed, for `/api/links` (Superdesk's `refs`; `item_refs.ts`).
  refs: List(Type.Object({
    key: Type.String(),
    _id: Text(),
    uri: Text(),
    guid: Text(),
    type: Text(),
    source: Text(),
  }, { additionalProperties: false })),
  // A package's groups (`package_groups.ts`; users may not send an empty list, spiking empties
  // them and keeps them in `deleted_groups`), typed as Superdesk maps them (`GroupSchema`).
  groups: List(GroupSchema),
  deleted_groups: List(),
  renditions: Dict(),
  media: Text(),
  extra: Dict(),
  // Usage counts by action (`usage_metrics`), written by the server only.
  metrics: Type.Optional(Type.Record(Type.String(), Type.Integer({ minimum: 0 }))),
  fields_meta: Dict(),
  annotations: List(),
  attachments: List(),
  original_creator: Ref(),
  version_creator: Ref(),
  firstcreated: When(),
  versioncreated: When(),
  firstpublished: When(),
  embargo: When(),
  publish_schedule: When(),
  // Dates, so that items read back from the search index have them as dates too; searched as
  // Superdesk maps them (the client's "Date scheduled" filter on `utc_publish_schedule`).
  schedule_settings: Type.Optional(Nullable(Type.Object({
    time_zone: Type.Optional(Nullable(Type.String())),
    utc_publish_schedule: When(),
    utc_embargo: When(),
  }, { additionalProperties: true }))),
  expiry: When(),
  rewrite_sequence: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  rewrite_of: Text(),
  rewritten_by: Text(),
  // The planning app's assignment of the item (Superdesk's `assignment_id`).
  assignment_id: Text(),
  // Superdesk's ingest routing auto-publishes such an item (`apps/archive/archive.py`).
  auto_publish: Type.Optional(Nullable(Type.Boolean())),
  translated_from: Text(),
  translation_id: Text(),
  translations: List(Type.String()),
  target_subscribers: List(Type.Object({ _id: Type.String() }, { additionalProperties: true })),
  target_types: List(Type.Object({
    qcode: Type.String(),
    name: Type.Optional(Text()),
    allow: Type.Optional(Type.Boolean()),
  })),
  target_regions: List(Type.Object({
    qcode: Type.String(),
    name: Type.Optional(Text()),
    allow: Type.Optional(Type.Boolean()),
  })),
  correction_sequence: Type.Optional(Type.Integer({ minimum: 0 })),
  published_in_package: Text(),
  ingest_provider: Text(),
  format: Text(),
  template: Text(),
  anpa_take_key: Text(),
  sms_message: Text(),
  creditline: Text(),
  archive_description: Text(),
  signal: List(),
  authors: List(),
  company_codes: List(),
  person: List(),
  object: List(),
  organisation: List(),
  event: List(),
  located: Dict(),
  poi: Dict(),
  semantics: Dict(),
  more_coming: Flag(),
  marked_for_user: Ref(),
  marked_for_sign_off: Text(),
  highlights: List(Type.String()),
  // The highlight a package is made for (`src/content/highlight_packages.ts`).
  highlight: Ref(),
  marked_desks: List(),
  embargoed: When(),
  lock_user: Ref(),
  lock_session: Ref(),
  lock_time: When(),
  lock_action: Text(),
  task: Type.Optional(taskSchema),
  // Ingest: where an item came from (`superdesk/metadata/item.py`).
  ingest_id: Text(),
  ingest_version: Type.Optional(Nullable(Type.String())),
  ingest_provider_sequence: Text(),
  original_source: Text(),
  original_id: Text(),
  // The item an internal destination's copy was published from (`src/publish/internal_*`).
  processed_from: Text(),
  mimetype: Text(),
  // A media item's file metadata as JSON text (Superdesk's `set_filemeta`), and its object form.
  filemeta_json: Text(),
  filemeta: Dict(),
  linked_in_packages: List(),
  // A media item's usage in stories (Superdesk's `track_usage`, `src/media/crop_hooks.ts`); an
  // association carries `used` into the item when the story publishes it.
  used: Flag(),
  used_count: Type.Optional(Nullable(Type.Integer({ minimum: 0 }))),
  used_updated: When(),
  // A broadcast's master story and what became of it (`src/publish/broadcast/`).
  broadcast: Type.Optional(Nullable(Type.Object({
    status: Text(),
    master_id: Text(),
    rewrite_id: Text(),
  }, { additionalProperties: false }))),
}, { additionalProperties: false });

/**
 * Fields only the server writes: authorship (set from the session on create and edit; Superdesk
 * keeps a client's `original_creator` on PATCH, which lets a writer re-attribute an item), the
 * lock (its own endpoints) and derived values. `task.user` stays writable: Superdesk assigns
 * items to users through it.
 */
export const SERVER_FIELDS = [
  "original_creator",
  "version_creator",
  "lock_user",
  "lock_session",
  "lock_time",
  "lock_action",
  "revert_state",
  "operation",
  "expiry",
  "correction_sequence",
  "highlights",
  // Package links (`package_links.ts`, Superdesk's `readonly`): written with the item's etag kept.
  "linked_in_packages",
  // Usage counts (`src/usage_metrics/`), Superdesk's `readonly` too.
  "metrics",
  // Derived from `associations` on every write (`item_refs.ts`).
  "refs",
];

/**
 * How archive fields are searched, after Superdesk's item mapping (`superdesk/metadata/item.py`):
 * its `html_field_analyzer` text fields, slugline with its lowercase `.phrase` for sorting,
 * `subject` nested (and flattened into the item), unindexed footer and copyright notice. Other
 * strings are exact keywords.
 */
export const ARCHIVE_SEARCH_FIELDS = {
  headline: "html",
  slugline: "phrase",
  abstract: "html",
  body_html: "html",
  body_text: "html",
  byline: "html",
  ednote: "html",
  description_text: "html",
  keywords: "html",
  sign_off: "html",
  subject: "nested",
  "groups.refs.headline": "text",
  "groups.refs.slugline": "text",
  body_footer: "none",
  copyrightnotice: "none",
  // Not searched here: indexing it would change the live indexes' mapping (`index:rebuild`).
  assignment_id: "none",
  auto_publish: "none",
  // A string since session 20 (it was an integer or a string, so unmapped): never queried, and
  // mapping it now would make the live indexes refuse to serve until `index:rebuild`.
  ingest_version: "none",
  // Read (search projections, the client's list), never queried: the mapping stays.
  rewrite_sequence: "none",
  // Found through the store (`broadcastsOf`), as Superdesk's own search for them is internal.
  broadcast: "none",
  // A task's dates, written by `/api/tasks`: not searched (Superdesk's item mapping has none).
  "task.due_date": "none",
  "task.started_at": "none",
  "task.finished_at": "none",
  // A media item's file metadata: kept in `_source` only (no mapping change, no index:rebuild).
  filemeta_json: "none",
  // Usage counts: kept in `_source` only, like `filemeta_json` (searching them needs a mapping
  // change, hence an index:rebuild).
  metrics: "none",
  // Media usage: kept in `_source` only (no mapping change, no index:rebuild).
  used: "none",
  used_count: "none",
  used_updated: "none",
} as const;

/** The `archive` definition. */
export const archiveResource = defineResource({
  name: "archive",
  nouns: { one: "content item", many: "content items" },
  schema: itemSchema,
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "PUT"],
  privileges: { POST: ARCHIVE_PRIVILEGE, PATCH: ARCHIVE_PRIVILEGE, PUT: ARCHIVE_PRIVILEGE },
  datasource: { defaultSort: [["_updated", -1]] },
  itemUrl: ITEM_ID_PATTERN,
  idStyle: "guid",
  itemHref: "/archive/{_id}",
  versioning: true,
  searchBacked: true,
  searchFields: ARCHIVE_SEARCH_FIELDS,
  readOnlyFields: SERVER_FIELDS,
  indexes: [
    { name: "task_desk", keys: { "task.desk": 1 } },
    { name: "task_stage", keys: { "task.stage": 1 } },
    { name: "lock_session", keys: { lock_session: 1 } },
    { name: "lock_user", keys: { lock_user: 1 } },
    { name: "state_expiry", keys: { state: 1, expiry: 1 } },
    // Each publishing action on a story looks for its broadcasts.
    { name: "broadcast_master", keys: { "broadcast.master_id": 1 }, sparse: true, scalar: true },
  ],
  relations: {
    original_creator: { resource: "users", embeddable: true },
    version_creator: { resource: "users", embeddable: true },
    lock_user: { resource: "users", embeddable: true },
  },
});
