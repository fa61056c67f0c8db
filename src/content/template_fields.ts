/**
 * Which template fields survive a change of profile (Superdesk's `_reset_fields`): a field the
 * new profile lacks or disables is emptied (to "", [], 0, {} or null by its current type),
 * except the metadata that never depends on a profile.
 */
import type { Doc } from "../storage/document_store.ts";

/** Fields kept whatever the profile. */
const KEPT = new Set([
  "profile",
  "type",
  "flags",
  "format",
  "pubstatus",
  "usageterms",
  "company_codes",
  "keywords",
  "target_regions",
  "target_types",
  "target_subscribers",
]);

/** `data` with the fields `profile`'s schema does not enable emptied. */
export function resetFieldsForProfile(data: Doc, profile: Doc): Doc {
  const schema = (profile.schema ?? {}) as Doc;
  const result = { ...data };
  for (const [field, value] of Object.entries(data)) {
    const rules = schema[field] as Doc | null | undefined;
    const enabled = rules && typeof rules === "object" && rules.enabled !== false;
    if (enabled || KEPT.has(field)) continue;
    result[field] = emptyLike(value);
  }
  return result;
}

function emptyLike(value: unknown): unknown {
  if (typeof value === "string") return "";
  if (Array.isArray(value)) return [];
  if (typeof value === "number") return 0;
  if (value && typeof value === "object" && !(value instanceof Date)) return {};
  return null;
}
