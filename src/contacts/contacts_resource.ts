/**
 * The `contacts` resource (Superdesk's `apps/contacts`): the newsroom's address book, a person or
 * an organisation per document, with phone numbers, e-mail addresses, social accounts and an
 * address. `is_active` marks a contact still valid, `public` one that may be published. Lists
 * come from the search index (Superdesk's `search_backend: elastic`), where the names are full
 * text with an exact sub-field (its `text_with_keyword`).
 */
import { Type } from "@sinclair/typebox";
import { defineResource } from "../resources/resource_definition.ts";
import { EmailField, Nullable } from "../resources/schema/fields.ts";

/** The privilege that writes contacts (Superdesk's `contacts`). */
export const CONTACTS_PRIVILEGE = "contacts";

/** The privilege the web client reads to show contacts (Superdesk's `view_contacts`). */
export const VIEW_CONTACTS_PRIVILEGE = "view_contacts";

const text = () => Type.Optional(Type.String());

/** A phone number and whether it may be published. */
const Phone = Type.Object({
  number: text(),
  /** When to use it, e.g. "Business hours only". */
  usage: text(),
  public: Type.Optional(Type.Boolean()),
}, { additionalProperties: false });

/** A country or state picked from a vocabulary. */
const Place = Type.Object({
  name: text(),
  qcode: text(),
  translations: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
}, { additionalProperties: false });

/** A Twitter handle (`@` and up to 15 word characters), or empty (Superdesk's `twitter` rule). */
const TWITTER_PATTERN = "^(@[A-Za-z0-9_]{1,15})?$";

/** The `contacts` definition. */
export const contactsResource = defineResource({
  name: "contacts",
  schema: Type.Object({
    is_active: Type.Optional(Type.Boolean()),
    public: Type.Optional(Type.Boolean()),
    /** A global identifier, for contacts kept elsewhere too. */
    uri: text(),
    organisation: text(),
    first_name: text(),
    last_name: text(),
    honorific: text(),
    job_title: text(),
    mobile: Type.Optional(Type.Array(Phone)),
    contact_phone: Type.Optional(Type.Array(Phone)),
    fax: text(),
    contact_email: Type.Optional(Type.Array(EmailField())),
    twitter: Type.Optional(Type.String({ pattern: TWITTER_PATTERN })),
    facebook: text(),
    instagram: text(),
    website: text(),
    contact_address: Type.Optional(Type.Array(Type.String())),
    locality: text(),
    city: text(),
    contact_state: Type.Optional(Place),
    postcode: text(),
    country: Type.Optional(Place),
    notes: text(),
    /** A qcode of the `contact_type` vocabulary. */
    contact_type: Type.Optional(Nullable(Type.String())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "PUT", "DELETE"],
  privileges: {
    POST: CONTACTS_PRIVILEGE,
    PATCH: CONTACTS_PRIVILEGE,
    PUT: CONTACTS_PRIVILEGE,
    DELETE: CONTACTS_PRIVILEGE,
  },
  // Superdesk's `[\w]+`, except the organisation search's own segment (`organisations_routes.ts`).
  itemUrl: "(?!organisations$)[A-Za-z0-9_]+",
  searchBacked: true,
  searchFields: { organisation: "text", first_name: "text", last_name: "text" },
});
