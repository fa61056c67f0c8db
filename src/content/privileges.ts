/**
 * The privileges the content model checks, as Superdesk names them (`superdesk/vocabularies`,
 * `apps/content_types`, `apps/templates`, `apps/saved_searches`, `apps/highlights`), with the
 * labels Superdesk shows in the role editor.
 */
import type { Privilege } from "../app_api.ts";
import { SEE_ALL_PRIVILEGE } from "../newsroom/privileges.ts";

/** Manage vocabularies. */
export const VOCABULARIES_PRIVILEGE = "vocabularies";
/** Manage content profiles. */
export const CONTENT_TYPE_PRIVILEGE = "content_type";
/** Create, edit and delete public (desk) templates. */
export const CONTENT_TEMPLATES_PRIVILEGE = "content_templates";
/** Manage other users' personal templates. */
export const PERSONAL_TEMPLATE_PRIVILEGE = "personal_template";
/** Create, edit and delete saved searches. */
export const SAVED_SEARCHES_PRIVILEGE = "saved_searches";
/** Edit and delete other users' global saved searches. */
export const GLOBAL_SAVED_SEARCHES_PRIVILEGE = "global_saved_searches";
/**
 * See global saved searches in `all_saved_searches` (Superdesk's GLOBAL_SEARCH_PRIVILEGE; the
 * newsroom declares it, as it also opens every desk's content).
 */
export const USE_GLOBAL_SAVED_SEARCHES_PRIVILEGE = SEE_ALL_PRIVILEGE;
/** Manage highlights lists. */
export const HIGHLIGHTS_PRIVILEGE = "highlights";
/** Mark items for highlights. */
export const MARK_FOR_HIGHLIGHTS_PRIVILEGE = "mark_for_highlights";
/** Subscribe oneself to saved searches' reports. */
export const SAVED_SEARCHES_SUBSCRIPTIONS_PRIVILEGE = "saved_searches_subscriptions";
/** Change other users' subscriptions to saved searches' reports. */
export const SAVED_SEARCHES_SUBSCRIPTIONS_ADMIN_PRIVILEGE = "saved_searches_subscriptions_admin";
/** See the highlights lists (the web client's Highlights menu; nothing on the server checks it). */
export const HIGHLIGHTS_READ_PRIVILEGE = "highlights_read";

/** The privileges the content model declares, labelled as Superdesk labels them. */
export const CONTENT_PRIVILEGES: readonly Privilege[] = [
  {
    name: VOCABULARIES_PRIVILEGE,
    label: "Vocabularies Management",
    description: "User can manage vocabularies' contents.",
  },
  {
    name: CONTENT_TYPE_PRIVILEGE,
    label: "Content Profile",
    description: "User can manage content profiles.",
  },
  { name: CONTENT_TEMPLATES_PRIVILEGE, label: "Templates", description: "Create templates" },
  {
    name: PERSONAL_TEMPLATE_PRIVILEGE,
    label: "Manage other user personal template",
    description: "Manage other user personal template",
  },
  {
    name: SAVED_SEARCHES_PRIVILEGE,
    label: "Manage Saved Searches",
    description: "User can manage saved searches",
  },
  {
    name: GLOBAL_SAVED_SEARCHES_PRIVILEGE,
    label: "Manage Global Saved Searches",
    description: "User can manage other users' global saved searches",
  },
  {
    name: SAVED_SEARCHES_SUBSCRIPTIONS_PRIVILEGE,
    label: "Manage Saved Searches Subscriptions",
    description: "User can (un)subscribe to saved searches",
  },
  {
    name: SAVED_SEARCHES_SUBSCRIPTIONS_ADMIN_PRIVILEGE,
    label: "Manage Saved Searches Subscriptions For Other Users",
    description: "User manage other users saved searches subscriptions",
  },
  {
    name: HIGHLIGHTS_READ_PRIVILEGE,
    label: "Highlights - read",
    description: "Can see a list of highlights.",
  },
  {
    name: HIGHLIGHTS_PRIVILEGE,
    label: "Highlights/Summary List Management",
    description: "User can manage highlights/summary lists.",
  },
  {
    name: MARK_FOR_HIGHLIGHTS_PRIVILEGE,
    label: "Mark items for Highlights/Summary Lists",
    description: "User can mark items for Highlights/Summary Lists.",
  },
];
