/**
 * `superdesk app:initialize_data` (the content model part): the seeded vocabularies, content
 * profiles and templates (`seeds/`). Idempotent: only what is missing is created, so an
 * administrator's changes (or deletions: a deleted vocabulary is not brought back) stay.
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { SEED_PROFILES, SEED_TEMPLATES } from "./seeds/seed_profiles.ts";
import { SEED_VOCABULARIES } from "./seeds/seed_vocabularies.ts";
import { UNIQUE_KEY_FIELD, uniqueKey } from "./unique_key.ts";

/** What a run created, by kind. */
export interface ContentDataResult {
  vocabularies: string[];
  profiles: string[];
  templates: string[];
}

/** Creates the seeded vocabularies, profiles and templates where missing. */
export async function initializeContentData(
  registry: ResourceRegistry,
): Promise<ContentDataResult> {
  const result: ContentDataResult = { vocabularies: [], profiles: [], templates: [] };
  const vocabularies = registry.service("vocabularies");
  for (const vocabulary of SEED_VOCABULARIES) {
    const existing = await vocabularies.find({
      filter: { _id: vocabulary._id },
      page: 1,
      maxResults: 1,
      showDeleted: true,
    });
    if (existing.total) continue;
    await vocabularies.create([structuredClone(vocabulary)], SYSTEM_ACTOR);
    result.vocabularies.push(String(vocabulary._id));
  }
  const profiles = registry.service("content_types");
  for (const profile of SEED_PROFILES) {
    if (await profiles.findOne({ _id: profile._id })) continue;
    if (await profiles.findOne({ [UNIQUE_KEY_FIELD]: uniqueKey(profile.label) })) continue;
    await profiles.create([structuredClone(profile)], SYSTEM_ACTOR);
    result.profiles.push(String(profile._id));
  }
  const templates = registry.service("content_templates");
  for (const template of SEED_TEMPLATES) {
    const key = uniqueKey(template.template_name, "public");
    if (await templates.findOne({ [UNIQUE_KEY_FIELD]: key })) continue;
    await templates.create([structuredClone(template)], SYSTEM_ACTOR);
    result.templates.push(String(template.template_name));
  }
  return result;
}
