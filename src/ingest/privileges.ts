/** The privilege names ingest checks, as Superdesk spells them. */

/** Create, edit, open, close and delete ingest providers (`superdesk/io/__init__.py`). */
export const INGEST_PROVIDERS_PRIVILEGE = "ingest_providers";
/** Fetch ingested content to a desk, and delete ingested items (`apps/duplication`). */
export const FETCH_PRIVILEGE = "fetch";
/** Duplicate content within a desk. */
export const DUPLICATE_PRIVILEGE = "duplicate";
/** Create, edit and delete routing schemes (`apps/rules`). */
export const ROUTING_RULES_PRIVILEGE = "routing_rules";
/** Create, edit and delete translation rule sets. */
export const RULE_SETS_PRIVILEGE = "rule_sets";
/** See the ingest view and its sources (Superdesk's `apps/archive`); the web client checks it. */
export const INGEST_PRIVILEGE = "ingest";

/** Maintain feed parsers (Superdesk declares it; nothing checks it, there or here). */
export const FEED_PARSERS_PRIVILEGE = "feed_parsers";
/** Maintain feeding services (Superdesk declares it; nothing checks it, there or here). */
export const FEEDING_SERVICES_PRIVILEGE = "feeding_services";

/** How ingest declares them (Superdesk's labels and descriptions). */
export const INGEST_PRIVILEGES = [
  { name: INGEST_PRIVILEGE, label: "Ingest", description: "Access to ingest sources management" },
  {
    name: INGEST_PROVIDERS_PRIVILEGE,
    label: "Ingest Channels",
    description: "User can maintain Ingest Channels.",
  },
  {
    name: FEED_PARSERS_PRIVILEGE,
    label: "Ingest Feed Parsers",
    description: "User can maintain Ingest Feed Parsers.",
  },
  {
    name: FEEDING_SERVICES_PRIVILEGE,
    label: "Ingest Feed Services",
    description: "User can maintain Ingest Feed Services.",
  },
  {
    name: FETCH_PRIVILEGE,
    label: "Fetch Content To a Desk",
    description: "Fetch Content to a Desk",
  },
  {
    name: DUPLICATE_PRIVILEGE,
    label: "Duplicate Content within a Desk",
    description: "Duplicate Content within a Desk",
  },
  {
    name: ROUTING_RULES_PRIVILEGE,
    label: "Routing Rules Management",
    description: "User can manage routing rules which are executed on ingested articles.",
  },
  {
    name: RULE_SETS_PRIVILEGE,
    label: "Transformation Rules Management",
    description: "User can setup transformation rules for ingest content.",
  },
] as const;
