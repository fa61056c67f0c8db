/**
 * Duplicating a package with its items (Superdesk's `duplicate_content`): every archive item a
 * package's groups reference is duplicated first (a package in it with its own items), where it
 * is, and the package's copy references the copies. A copy of an item on a desk is `submitted`,
 * of one in a personal space `in_progress`.
 */
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc, DocumentStore } from "../storage/document_store.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { taskOf } from "../newsroom/content_events.ts";
import { groupsOf } from "../newsroom/package_groups.ts";
import { referencedItem } from "../newsroom/package_links.ts";
import { copyItem, type CopyOptions } from "./duplicate_item.ts";

type Deps = { registry: ResourceRegistry; documents: DocumentStore };

/** Copies `source` as `copyItem` does, a package's referenced archive items first. */
export async function duplicateContent(
  deps: Deps,
  source: Doc,
  options: CopyOptions,
): Promise<Doc> {
  if (source.type !== "composite") return await copyItem(deps, source, options);
  const archive = deps.registry.service<ArchiveService>("archive");
  const groups: Doc[] = [];
  for (const group of groupsOf(source)) {
    if (group.id === "root" || !Array.isArray(group.refs)) {
      groups.push(group);
      continue;
    }
    const refs: Doc[] = [];
    for (const ref of group.refs as Doc[]) {
      const inArchive = !ref.location || ref.location === "archive";
      if (!ref.residRef || !inArchive) {
        refs.push(ref);
        continue;
      }
      const member = await referencedItem(archive, ref);
      const copy = await duplicateMember(deps, member, options.actor);
      refs.push({ ...ref, residRef: copy._id, guid: copy._id });
    }
    groups.push({ ...group, refs });
  }
  return await copyItem(deps, { ...source, groups }, options);
}

/** Duplicates a package's item where it is (its desk and stage, or its owner's space). */
function duplicateMember(deps: Deps, member: Doc, actor: Actor): Promise<Doc> {
  return duplicateContent(deps, member, {
    actor,
    state: taskOf(member).desk ? "submitted" : "in_progress",
  });
}
