/**
 * The content profiles and templates `app:initialize_data` creates when missing: a `text`
 * profile (Superdesk's default text form) and one per media type (`picture`, `audio`, `video`,
 * `composite`), all enabled; the `kill` and `takedown` kill templates and the `plain text`
 * create template, public and offered on every desk, which new desks take as their default.
 */
import type { Doc } from "../../storage/document_store.ts";
import { defaultEditorFor, defaultSchemaFor } from "../default_profile.ts";

/** A profile with the default form of `type`, only the enabled fields in its schema. */
function profile(id: string, label: string, type: string | null, priority: number): Doc {
  const editor = defaultEditorFor(type ?? "text");
  const defaults = defaultSchemaFor(type ?? "text");
  const schema: Doc = {};
  for (const [field, entry] of Object.entries(editor)) {
    if (entry.enabled === false) delete editor[field];
    else if (defaults[field]) schema[field] = defaults[field];
  }
  return { _id: id, label, type, priority, enabled: true, schema, editor };
}

/** The seeded profiles. */
export const SEED_PROFILES: readonly Doc[] = [
  profile("text", "Text", null, 10),
  profile("picture", "Picture", "picture", 5),
  profile("audio", "Audio", "audio", 4),
  profile("video", "Video", "video", 3),
  profile("composite", "Package", "composite", 2),
];

/** The seeded templates. */
export const SEED_TEMPLATES: readonly Doc[] = [
  {
    template_name: "kill",
    template_type: "kill",
    is_public: true,
    data: {
      type: "text",
      headline: "Kill/Takedown notice",
      anpa_take_key: "KILL/TAKEDOWN",
      body_html: "<p>Please kill story slugged {{ item.slugline }}.</p>",
      abstract: "This article has been removed",
    },
  },
  {
    template_name: "takedown",
    template_type: "kill",
    is_public: true,
    data: {
      type: "text",
      headline: "Takedown notice",
      anpa_take_key: "TAKEDOWN",
      body_html: "<p>Please take down story slugged {{ item.slugline }}.</p>",
      abstract: "This article has been removed",
    },
  },
  {
    template_name: "plain text",
    template_type: "create",
    is_public: true,
    data: { profile: "text", type: "text" },
  },
];
