/**
 * The two-way links between a package and its items (Superdesk's `PackageService.update_link`,
 * `get_associated_item` and `check_for_circular_reference`): each archive item a package refers
 * to lists it in `linked_in_packages` (`[{package: <id>}]`). Links are written as Superdesk's
 * `system_update` writes them: no new version and the same etag, so a client holding the item
 * may still save it; each write is a compare-and-set retried when the item changed meanwhile.
 */
import { BadRequestError, NotFoundError, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { LoopTurns } from "../loop_turns.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveService } from "./archive_service.ts";
import { itemRefsOf } from "./package_groups.ts";

/**
 * How often a link write is tried. A miss means another write of the item landed, so packages
 * saved at once with one item need as many tries as there are of them; the bound only stops a
 * store whose guard never matches from spinning.
 */
const LINK_ATTEMPTS = 50;

/**
 * The item `ref` points at (in `ref.location`, archive by default): a 400 for an empty
 * `residRef`, a 404 when no such item exists. A user's ref names an archive item they may see
 * (any other, in another resource or on a desk hidden to them, is answered as missing: the
 * answer tells nothing of it). A caller looking up many refs counts them with a `LoopTurns`.
 */
export async function referencedItem(
  archive: ArchiveService,
  ref: Doc,
  actor: Actor = SYSTEM_ACTOR,
): Promise<Doc> {
  if (!ref.residRef) throw new BadRequestError("Package contains empty ResidRef!");
  const found = await lookUp(archive, ref, actor);
  if (!found) throw new NotFoundError(`Invalid item reference: ${ref.residRef}`);
  return found;
}

async function lookUp(archive: ArchiveService, ref: Doc, actor: Actor): Promise<Doc | null> {
  const location = typeof ref.location === "string" && ref.location ? ref.location : "archive";
  const id = String(ref.residRef);
  if (actor.kind === "user") {
    return location === "archive" ? await archive.findOne({ _id: id }, actor) : null;
  }
  if (!archive.registry.has(location)) return null;
  return await archive.registry.service(location).findOne({ _id: id });
}

/**
 * Superdesk's `check_for_circular_reference`: a 400 when `itemId` is `pkg` or holds it, at any
 * depth of the packages `pkg` is linked in (each read once, so a loop in the links ends).
 */
export async function checkCircularReference(
  archive: ArchiveService,
  pkg: Doc,
  itemId: unknown,
  seen = new Set<string>(),
): Promise<void> {
  const holders = linksOf(pkg).map((link) => link.package);
  if (holders.includes(itemId)) {
    const message = `Trying to create a circular reference to: ${itemId}`;
    throw new ValidationError({ "validator exception": message }, message);
  }
  for (const holder of holders) {
    if (typeof holder !== "string" || seen.has(holder)) continue;
    seen.add(holder);
    const parent = await archive.findOne({ _id: holder });
    if (parent) await checkCircularReference(archive, parent, itemId, seen);
  }
}

/**
 * Links every archive item `pkg` refers to back to it. This and the loops below yield to the
 * event loop between chunks of items (`LoopTurns`).
 */
export async function linkMembers(archive: ArchiveService, pkg: Doc): Promise<void> {
  const turns = new LoopTurns();
  for (const ref of itemRefsOf(pkg)) {
    await turns.step();
    await setLink(archive, ref, String(pkg._id), true);
  }
}

/** Removes `pkg` from the links of every item it refers to (items gone are skipped). */
export async function unlinkMembers(archive: ArchiveService, pkg: Doc): Promise<void> {
  const turns = new LoopTurns();
  for (const ref of itemRefsOf(pkg)) {
    await turns.step();
    await setLink(archive, ref, String(pkg._id), false);
  }
}

/**
 * Superdesk's `update_groups`: after a save that set `groups`, items no longer referred to lose
 * the link and the referred ones get it.
 */
export async function relinkMembers(archive: ArchiveService, before: Doc, after: Doc) {
  const kept = new Set(itemRefsOf(after).map((ref) => ref.residRef).filter((id) => id));
  const turns = new LoopTurns();
  for (const ref of itemRefsOf(before)) {
    await turns.step();
    if (!kept.has(ref.residRef)) await setLink(archive, ref, String(before._id), false);
  }
  for (const ref of itemRefsOf(after)) {
    await turns.step();
    if (ref.residRef) await setLink(archive, ref, String(before._id), true);
  }
}

/**
 * Adds (`linked`) or removes package `packageId` in the links of the archive item `ref` points
 * at; nothing is written when the links are already so or the item is gone.
 */
export async function setLink(
  archive: ArchiveService,
  ref: Doc,
  packageId: string,
  linked: boolean,
): Promise<void> {
  const location = ref.location ?? "archive";
  if (!ref.residRef || location !== "archive") return;
  for (let attempt = 1; attempt <= LINK_ATTEMPTS; attempt++) {
    const item = await archive.findOne({ _id: String(ref.residRef) }, SYSTEM_ACTOR);
    if (!item) return;
    const others = linksOf(item).filter((link) => link.package !== packageId);
    const next = linked ? [...others, { package: packageId }] : others;
    if (sameLinks(linksOf(item), next) && Array.isArray(item.linked_in_packages)) return;
    const stored = await archive.writeUnversioned(item, { linked_in_packages: next }, {
      keepEtag: true,
    });
    if (stored) return;
  }
  throw new Error(
    `Cannot link item "${ref.residRef}" to package "${packageId}": it keeps changing`,
  );
}

/** `item`'s `linked_in_packages` entries. */
export function linksOf(item: Doc): Doc[] {
  const links = item.linked_in_packages;
  return Array.isArray(links) ? links.filter((link) => typeof link === "object" && link) : [];
}

function sameLinks(a: Doc[], b: Doc[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
