/**
 * The package that holds a story with its pictures, as Superdesk's RSS and BBC NINJS parsers
 * build it: a `composite` with the `root` group pointing at `main`, and `main` referring to the
 * story first, then each picture, by guid.
 */
import type { Doc } from "../../storage/document_store.ts";

/** The package with guid `guid` for `story` and the items with `guids`. */
export function storyPackage(guid: string, story: Doc, guids: readonly string[]): Doc {
  return {
    type: "composite",
    guid,
    firstcreated: story.firstcreated,
    versioncreated: story.versioncreated,
    headline: story.headline ?? "",
    groups: [
      { id: "root", role: "grpRole:NEP", refs: [{ idRef: "main" }] },
      { id: "main", role: "main", refs: guids.map((residRef) => ({ residRef })) },
    ],
  };
}
