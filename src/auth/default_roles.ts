/**
 * The roles `app:initialize_data` creates in an empty system, with Superdesk's privilege names.
 * Writer is the default role of new users (the web client's dashboard and monitoring views, the
 * Spiked Items view and the highlights lists, which Superdesk's data update 00019 gives every
 * role, and content); editors may also publish (with an embargo), correct, kill and unlock.
 */

/** A role to seed. */
export interface SeedRole {
  name: string;
  description: string;
  privileges: Record<string, 1>;
}

const WRITER: Record<string, 1> = {
  dashboard: 1,
  monitoring_view: 1,
  spike_read: 1,
  highlights_read: 1,
  archive: 1,
  ingest: 1,
  fetch: 1,
  spike: 1,
  mark_for_highlights: 1,
};

/** Seeded in this order; the first becomes the default role when none is. */
export const DEFAULT_ROLES: readonly SeedRole[] = [
  { name: "Writer", description: "Writes and edits content", privileges: WRITER },
  {
    name: "Editor",
    description: "Edits, publishes and manages content and desks",
    privileges: {
      ...WRITER,
      unspike: 1,
      unlock: 1,
      publish: 1,
      embargo: 1,
      correct: 1,
      kill: 1,
      desks: 1,
      highlights: 1,
      content_templates: 1,
    },
  },
];
