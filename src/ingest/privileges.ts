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
