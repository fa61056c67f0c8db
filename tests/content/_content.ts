/**
 * The content model's test fixture: the newsroom fixture on a system seeded by
 * `app:initialize_data`'s content part (so the "Politics" desk gets the default profile and
 * template), plus a "chief" who holds every content privilege. Cases run on both setups.
 */
import { initializeContentData } from "../../src/content/initialize_content_data.ts";
import { type Member, type Newsroom, newsroomTest, signIn } from "../newsroom/_newsroom.ts";

/** The status of a validation failure (Superdesk's 400). */
export const INVALID = 400;

/** Every privilege the content model checks, plus editing, desks and publishing. */
export const CHIEF_PRIVILEGES = {
  archive: 1,
  desks: 1,
  unlock: 1,
  spike: 1,
  vocabularies: 1,
  content_type: 1,
  content_templates: 1,
  personal_template: 1,
  saved_searches: 1,
  global_saved_searches: 1,
  use_global_saved_searches: 1,
  highlights: 1,
  mark_for_highlights: 1,
  publish: 1,
} as const;

/** What each case receives: the newsroom plus the chief. */
export interface ContentRoom extends Newsroom {
  chief: Member;
}

/** Registers `fn` on both setups, seeded. */
export function contentTest(title: string, fn: (room: ContentRoom) => Promise<void>): void {
  newsroomTest(title, async (room) => {
    const chief = await signIn(room.app, "chief", CHIEF_PRIVILEGES);
    await fn({ ...room, chief });
  }, { before: (app) => initializeContentData(app.platform.registry) });
}
