/**
 * A package's structure (Superdesk's `superdesk/metadata/packages.py` and the checks of
 * `PackageService`): `groups` holds one `root` group whose refs name (`idRef`) every other group,
 * and the other groups' refs point at items (`residRef`). The checks answer 403 with Superdesk's
 * messages; none reads the store.
 */
import { ForbiddenError } from "../errors.ts";
import { type Doc, isDoc } from "../storage/document_store.ts";

/** The id of the group that lists the others. */
export const ROOT_GROUP = "root";

/** The groups of a new package sent without any (Superdesk's `create_root_group`). */
export function defaultGroups(): Doc[] {
  return [
    { id: ROOT_GROUP, role: "grpRole:NEP", refs: [{ idRef: "main" }] },
    { id: "main", role: "grpRole:main", refs: [] },
  ];
}

/** `doc`'s groups (an empty list when it has none or they are not a list). */
export function groupsOf(doc: Doc): Doc[] {
  return Array.isArray(doc.groups) ? doc.groups.filter(isDoc) : [];
}

/** Every ref of every group of `doc` (group refs and item refs). */
export function refsOf(doc: Doc): Doc[] {
  return groupsOf(doc).flatMap((group) =>
    Array.isArray(group.refs) ? group.refs.filter(isDoc) : []
  );
}

/** The refs of `doc` that point at items (have a `residRef`). */
export function itemRefsOf(doc: Doc): Doc[] {
  return refsOf(doc).filter((ref) => "residRef" in ref);
}

/**
 * Superdesk's `check_root_group`: every group has an id, there is exactly one root group, no
 * other group is there twice, and the root's refs name exactly the other groups.
 */
export function checkRootGroup(groups: Doc[]): void {
  if (groups.some((group) => !group.id)) throw new ForbiddenError("Group is missing id.");
  const roots = groups.filter((group) => group.id === ROOT_GROUP);
  if (roots.length === 0) throw new ForbiddenError("Root group is missing.");
  if (roots.length > 1) throw new ForbiddenError("Only one root group is allowed.");
  const rest = groups.filter((group) => group.id !== ROOT_GROUP).map((group) => group.id);
  const named = refsOf({ groups }).map((ref) => ref.idRef).filter((id) => id);
  const seen = new Set<unknown>();
  for (const id of rest) {
    if (seen.has(id)) throw new ForbiddenError(`${id} group is added multiple times.`);
    seen.add(id);
  }
  if (rest.length !== named.length) {
    throw new ForbiddenError(
      "The number of groups and of referenced groups in the root group do not match.",
    );
  }
  const referenced = new Set(named.filter((id) => seen.has(id)));
  if (referenced.size !== named.length) {
    throw new ForbiddenError("Not all groups are referenced in the root group.");
  }
}

/**
 * Superdesk's `check_for_duplicates`: no ref of `refs` points at the package itself, and no
 * item is referred to twice.
 */
export function checkForDuplicates(packageId: unknown, refs: Doc[]): void {
  const seen = new Set<unknown>();
  let duplicated = false;
  for (const ref of refs) {
    if (!ref.residRef) continue;
    if (ref.residRef === packageId) {
      throw new ForbiddenError("Trying to self reference as an association.");
    }
    if (seen.has(ref.residRef)) duplicated = true;
    seen.add(ref.residRef);
  }
  if (duplicated) throw new ForbiddenError("Content associated multiple times");
}
