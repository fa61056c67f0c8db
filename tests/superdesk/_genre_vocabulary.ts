/**
 * What the `@vocabulary` tag loads that broadcast scenarios read (Superdesk's
 * features/steps/fixtures/vocabularies.json): the genre vocabulary, with "Broadcast Script",
 * the genre `POST /archive/<id>/broadcast` gives.
 */
import { givenRaw } from "./raw_given.ts";
import type { Scenario } from "./scenario.ts";

/** Stores the genre vocabulary. */
export async function genreVocabulary(s: Scenario): Promise<void> {
  await givenRaw(
    s,
    "vocabularies",
    `[{"_id": "genre", "display_name": "Genre", "type": "manageable",
       "items": [{"is_active": true, "name": "Article (news)", "qcode": "Article"},
                 {"is_active": true, "name": "Sidebar", "qcode": "Sidebar"},
                 {"is_active": true, "name": "Broadcast Script", "qcode": "Broadcast Script"},
                 {"is_active": true, "name": "Briefs", "qcode": "Briefs"}]}]`,
  );
}
