/**
 * Duplicating a package with its items (Superdesk's `duplicate_content`): every archive item a
 * package's groups reference is duplicated first (a package in it with its own items), where it
 * is, and the package's copy references the copies. A copy of an item on a desk is `submitted`,
 * of one in a personal space `in_progress`. Every item is read before the first copy is written.
 */
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { taskOf } from "../newsroom/content_events.ts";
import { groupsOf, itemRefsOf } from "../newsroom/package_groups.ts";
import { LoopTurns } from "../loop_turns.ts";
import { referencedItem } from "../newsroom/package_links.ts";
import { copyItem, type CopyOptions } from "./duplicate_item.ts";

type Deps = { registry: ResourceRegistry; documents: DocumentStore };

/**
 * Copies `source` as `copyItem` does, a package's referenced archive items first. Every item is
 * read before any is copied, so a reference that cannot be read (a 404) leaves no copies behind.
 */
export async function duplicateContent(
  deps: Deps,
  source: Doc,
  options: CopyOptions,
): Promise<Doc> {
  const archive = deps.registry.service<ArchiveService>("archive");
  return await copyTree(deps, await readTree(archive, source), options);
}

/** An item with the archive items its groups reference (a package's, recursively), by id. */
interface Tree {
  item: Doc;
  members: Map<string, Tree>;
}

/** Reads `item` and every archive item it references, before anything is written. */
async function readTree(archive: ArchiveService, item: Doc): Promise<Tree> {
  const members = new Map<string, Tree>();
  if (item.type === "composite") {
    const turns = new LoopTurns();
    for (const ref of itemRefsOf(item).filter(isArchiveRef)) {
      await turns.step();
      const id = String(ref.residRef);
      if (!members.has(id)) {
        members.set(id, await readTree(archive, await referencedItem(archive, ref)));
      }
    }
  }
  return { item, members };
}

/** Copies a read tree: its members where they are, then the item referencing their copies. */
async function copyTree(deps: Deps, { item, members }: Tree, options: CopyOptions): Promise<Doc> {
  if (item.type !== "composite") return await copyItem(deps, item, options);
  const copies = new Map<string, string>();
  for (const [id, member] of members) {
    const copy = await copyTree(deps, member, {
      actor: options.actor,
      state: taskOf(member.item).desk ? "submitted" : "in_progress",
    });
    copies.set(id, String(copy._id));
  }
  const groups = groupsOf(item).map((group) => {
    if (group.id === "root" || !Array.isArray(group.refs)) return group;
    const refs = (group.refs as Doc[]).map((ref) => {
      const copy = isArchiveRef(ref) ? copies.get(String(ref.residRef)) : undefined;
      return copy ? { ...ref, residRef: copy, guid: copy } : ref;
    });
    return { ...group, refs };
  });
  return await copyItem(deps, { ...item, groups }, options);
}

/** Whether `ref` names an archive item (a `residRef` without another location). */
function isArchiveRef(ref: Doc): boolean {
  return Boolean(ref.residRef) && (!ref.location || ref.location === "archive");
}
