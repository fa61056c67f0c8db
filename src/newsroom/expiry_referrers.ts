/**
 * Which archive items refer to an item, for content expiry to keep it while they live: the items
 * associating a media item (Superdesk's `media_references`, read in `_get_associated_items`) and
 * the packages holding an item in their groups (what Superdesk's `linked_in_packages` on the
 * member records). We keep no reverse references, so a run reads them lazily, in one pass over
 * the items that have associations or over the packages, the first time it needs them.
 */
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";

/** Superdesk's `MEDIA_TYPES`. */
export const MEDIA_TYPES: ReadonlySet<string> = new Set(["audio", "video", "picture", "graphic"]);

/** Ids of the archive items that refer to item `id` (itself excluded). */
export type Referrers = (id: string) => Promise<string[]>;

/** The items associating each item, as `archive` is when first asked. */
export function associationLookup(archive: ArchiveService): Referrers {
  return referrerLookup(
    () => archive.withAssociations(),
    (item) => Object.values(asObject(item.associations)).map((value) => asObject(value)._id),
  );
}

/** The packages holding each item in their groups, as `archive` is when first asked. */
export function packageLookup(archive: ArchiveService): Referrers {
  return referrerLookup(
    () => archive.packages(),
    (item) =>
      asArray(item.groups).flatMap((group) =>
        asArray(asObject(group).refs).map((ref) => asObject(ref).residRef)
      ),
  );
}

function referrerLookup(read: () => Promise<Doc[]>, refsOf: (item: Doc) => unknown[]): Referrers {
  let index: Promise<Map<string, string[]>> | undefined;
  return async (id) => {
    index ??= read().then((items) => {
      const built = new Map<string, string[]>();
      for (const item of items) {
        for (const ref of refsOf(item)) {
          if (typeof ref !== "string") continue;
          const referrers = built.get(ref) ?? [];
          referrers.push(String(item._id));
          built.set(ref, referrers);
        }
      }
      return built;
    });
    return ((await index).get(id) ?? []).filter((referrer) => referrer !== id);
  };
}

function asObject(value: unknown): Doc {
  return value && typeof value === "object" && !Array.isArray(value) ? value as Doc : {};
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}
