/**
 * Routing rule handlers (Superdesk's `apps/rules/rule_handlers.py`): `desk_fetch_publish` takes
 * every content type and fetches the item to each fetch destination (as `routed`), and to each
 * publish destination before handing it to the publisher. Listed at `GET /api/ingest_rule_handlers`.
 */

/** What the client reads about a handler. */
export interface RuleHandlerInfo {
  _id: string;
  name: string;
  supported_actions: Record<string, boolean>;
  supported_configs: Record<string, boolean>;
  default_values: Record<string, unknown>;
}

/** A handler: which items it takes; the actions themselves are in `apply_routing.ts`. */
export interface RuleHandler extends RuleHandlerInfo {
  canHandle(item: Record<string, unknown>): boolean;
}

const CONTENT_TYPES = new Set([
  "text",
  "preformatted",
  "composite",
  "picture",
  "graphic",
  "audio",
  "video",
]);

/** Superdesk's default handler. */
export const deskFetchPublish: RuleHandler = {
  _id: "desk_fetch_publish",
  name: "Desk Fetch/Publish",
  supported_actions: { fetch_to_desk: true, publish_from_desk: true },
  supported_configs: { exit: true, preserve_desk: true },
  default_values: {
    name: "",
    handler: "desk_fetch_publish",
    filter: null,
    actions: { fetch: [], publish: [], exit: false },
    schedule: {
      day_of_week: ["MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"],
      hour_of_day_from: null,
      hour_of_day_to: null,
      _allDay: true,
    },
  },
  canHandle: (item) => CONTENT_TYPES.has(String(item.type ?? "text")),
};

/** Every handler, by id. */
export const RULE_HANDLERS: ReadonlyMap<string, RuleHandler> = new Map([[
  deskFetchPublish._id,
  deskFetchPublish,
]]);

/** The handler named `id`. */
export function ruleHandler(id: string): RuleHandler | undefined {
  return RULE_HANDLERS.get(id);
}
