/**
 * A desk's sluglines (Superdesk's `SluglineDeskService`, `GET /api/desks/<id>/sluglines`): the
 * sluglines and headlines of the text stories the desk published in the last 24 hours (their
 * latest published copy), grouped by place: `Domestic` unless the item's first place belongs to
 * the `Rest Of World` group, then that place's name (domestic groups first). A story whose
 * family has a newer copy with another slugline is left out; one that replaced older sluglines
 * lists them in `old_sluglines`. A slugline already shown in the list is shown as `-`; legal
 * stories' sluglines start with `Legal: `. Read from the `published` collection.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";

/** Most published copies one listing reads (Superdesk's `max_results`). */
const MAX_ITEMS = 1000;

const DAY_MS = 24 * 60 * 60 * 1000;

/** One story of a place group. */
interface SluglineEntry {
  name: string;
  slugline: string;
  headline: unknown;
  old_sluglines: string[];
  versioncreated: Date;
}

/** The `_items` of desk `deskId`'s sluglines, for `actor` (who must be able to see the desk). */
export async function deskSluglines(
  { registry, documents }: { registry: ResourceRegistry; documents: DocumentStore },
  actor: Actor,
  deskId: string,
  now = new Date(),
): Promise<Doc[]> {
  await registry.service("desks").getById(deskId, actor);
  const published = documents.collection("published");
  const items = await published.find({
    "task.desk": deskId,
    last_published_version: true,
    $or: [{ type: "text" }, { type: { $exists: false } }],
    versioncreated: { $gte: new Date(now.getTime() - DAY_MS) },
  }, { sort: [["slugline", 1], ["versioncreated", -1]], limit: MAX_ITEMS });
  const domestic: SluglineEntry[] = [];
  const restOfWorld: SluglineEntry[] = [];
  for (const item of items) {
    const slugline = withLegal(item);
    const created = dateOf(item.versioncreated);
    const family = await published.find({ family_id: item.family_id, "task.desk": deskId });
    const older: string[] = [];
    let superseded = false;
    for (const member of family) {
      const other = withLegal(member);
      if (other.toLowerCase() === slugline.toLowerCase()) continue;
      if (dateOf(member.versioncreated) < created) {
        if (!older.includes(other)) older.push(other);
      } else {
        superseded = true;
        break;
      }
    }
    if (superseded) continue;
    const place = Array.isArray(item.place) ? item.place[0] as Doc | undefined : undefined;
    const abroad = place?.group === "Rest Of World";
    const target = abroad ? restOfWorld : domestic;
    const shown = target.some((entry) => entry.slugline.toLowerCase() === slugline.toLowerCase());
    target.push({
      name: abroad ? String(place?.name ?? "Domestic") : "Domestic",
      slugline: shown ? "-" : slugline,
      headline: item.headline,
      old_sluglines: older,
      versioncreated: created,
    });
  }
  return groupByPlace([...domestic, ...restOfWorld]);
}

/** Consecutive entries of one place as `{place, items}`, newest first within a group. */
function groupByPlace(entries: SluglineEntry[]): Doc[] {
  const groups: Array<{ place: string; items: SluglineEntry[] }> = [];
  for (const entry of entries) {
    const last = groups.at(-1);
    if (last && last.place === entry.name) last.items.push(entry);
    else groups.push({ place: entry.name, items: [entry] });
  }
  return groups.map(({ place, items }) => ({
    place,
    items: items.sort((a, b) => b.versioncreated.getTime() - a.versioncreated.getTime()),
  }));
}

function withLegal(item: Doc): string {
  const slugline = typeof item.slugline === "string" ? item.slugline : "";
  return (item.flags as Doc | undefined)?.marked_for_legal === true
    ? `Legal: ${slugline}`
    : slugline;
}

function dateOf(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}
