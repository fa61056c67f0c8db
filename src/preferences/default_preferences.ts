/**
 * The preferences Superdesk's core registers (`apps/preferences.py`, `apps/monitoring.py`,
 * `superdesk/vocabularies`) that no other module of ours owns: the web client reads them
 * from `user_preferences` at start-up and in its settings page, some unguarded (`agg:view`,
 * `archive:view`, `feature:preview` ...). Our own values, in Superdesk's shapes.
 */
import type { PreferenceLabels } from "../apps/preference_registry.ts";

/** A user preference: name, default value, and its label and category when it has them. */
export type UserPreferenceDefault = [string, Record<string, unknown>, PreferenceLabels?];

/** User preferences, in Superdesk's registration order. */
export const USER_PREFERENCES: readonly UserPreferenceDefault[] = [
  ["feature:preview", {
    type: "bool",
    enabled: false,
    default: false,
    privileges: ["feature_preview"],
  }, { label: "Enable Feature Preview", category: "feature" }],
  ["archive:view", {
    type: "string",
    allowed: ["mgrid", "compact"],
    view: "mgrid",
    default: "mgrid",
  }, { label: "Users archive view format", category: "archive" }],
  ["application:theme", { type: "string", allowed: ["light-ui", "dark-ui"], theme: "light-ui" }],
  ["singleline:view", { type: "bool", enabled: null, default: false }, {
    label: "Enable Single Line View",
    category: "rows",
  }],
  ["editor:theme", { type: "string", theme: "" }],
  ["dashboard:ingest", { providers: [] }],
  ["agg:view", { active: {} }],
  ["templates:recent", {}],
  ["dateline:located", { type: "dict" }, { label: "Located", category: "article_defaults" }],
  ["categories:preferred", { type: "dict", selected: {} }, {
    label: "Preferred Categories",
    category: "categories",
  }],
  ["article:default:place", { type: "list", place: [] }, {
    label: "Place",
    category: "article_defaults",
  }],
  ["spellchecker:status", { type: "bool", enabled: true, default: true }],
  ["contacts:view", {
    type: "string",
    allowed: ["mgrid", "compact"],
    view: "mgrid",
    default: "mgrid",
  }, { label: "Users contacts view format", category: "contacts" }],
  ["destination:active", {}],
  ["extensions", {}],
  ["search:filters_panel_open", { type: "bool", enabled: true, default: true }],
  ["masterdesk:desks", {}],
  ["editor:char_limit_ui", {}],
  ["editor:pinned_widget", {}],
  ["mark_for_user:notification", {}],
  ["assignment:notification", {}],
  ["monitoring:view", {
    type: "string",
    allowed: ["list", "swimlane"],
    view: "list",
    default: "list",
  }, { label: "Monitoring view", category: "monitoring" }],
  ["cvs:preferred_items", { value: {} }, { label: "Prefered CV items", category: "cvs" }],
];

/** Session preferences: name and default. */
export const SESSION_PREFERENCES: ReadonlyArray<[string, unknown]> = [
  ["scratchpad:items", []],
  ["monitoring:view:session", null],
];
