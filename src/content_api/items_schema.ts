/**
 * The content API item as stored (Superdesk's `content_api.items.resource` schema): ninjs with the
 * store's own fields. Only the fields searches use are declared (they give the search mapping:
 * full text, codes, numbers, dates, as Superdesk maps them); every other ninjs field is kept as
 * published. Each is optional and nullable, so no update of a stored item is refused for a field
 * the ninjs formatter left empty.
 */
import { Type } from "@sinclair/typebox";
import { DateTimeField, Nullable } from "../resources/schema/fields.ts";
import type { SearchFields } from "../search/mapping.ts";

const Text = () => Type.Optional(Nullable(Type.String()));
const Texts = () => Type.Optional(Nullable(Type.Array(Type.String())));
const Whole = () => Type.Optional(Nullable(Type.Integer()));
/**
 * A date: the store's writes (`ItemsService`) update whole items, their dates already `Date`s,
 * so a `Date` is valid as well as a wire date (the search mapping still sees one date field).
 */
const When = () => Type.Optional(Nullable(Type.Union([DateTimeField(), Type.Date()])));
/** A ninjs code (`service`, `subject`, `genre`, `place`, `signal`): searched by exact value. */
const Codes = () =>
  Type.Optional(Nullable(Type.Array(Type.Object({
    code: Text(),
    name: Text(),
    scheme: Text(),
  }, { additionalProperties: true }))));

/** The stored item's schema (more fields allowed). */
export const contentApiItemSchema = Type.Object({
  type: Text(),
  version: Text(),
  headline: Text(),
  slugline: Text(),
  byline: Text(),
  body_html: Text(),
  body_text: Text(),
  description_html: Text(),
  description_text: Text(),
  located: Text(),
  ednote: Text(),
  usageterms: Text(),
  keywords: Texts(),
  language: Text(),
  source: Text(),
  mimetype: Text(),
  profile: Text(),
  pubstatus: Text(),
  urgency: Whole(),
  priority: Whole(),
  service: Codes(),
  subject: Codes(),
  genre: Codes(),
  place: Codes(),
  signal: Codes(),
  versioncreated: When(),
  firstcreated: When(),
  firstpublished: When(),
  embargoed: When(),
  subscribers: Texts(),
  original_id: Text(),
  evolvedfrom: Text(),
  nextversion: Text(),
  ancestors: Texts(),
}, { additionalProperties: true });

/**
 * How the item's strings are searched; the others are exact values (Superdesk's mapping; its
 * content API's `html_field_analyzer` does not fold accents).
 */
export const CONTENT_API_SEARCH_FIELDS: SearchFields = {
  headline: "text",
  slugline: "text",
  byline: "text",
  body_html: "html_unfolded",
  body_text: "text",
  description_html: "html_unfolded",
  description_text: "text",
  located: "text",
  ednote: "text",
  usageterms: "text",
  keywords: "text",
};
