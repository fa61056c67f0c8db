/**
 * A package made for a highlight (`highlight` on a new composite; Superdesk's
 * `copy_metadata_from_highlight_template` and `on_create_package`): the highlight's template
 * fills its metadata (all but its type and groups), its second group is filled with the items
 * the highlight collects (`highlight_items.ts`) that its creator's searches list, and it takes
 * its desk's default profile when it names none; an unknown highlight is a 400.
 * Runs after the newsroom's package hooks (the groups are there and checked), before the
 * content model's (the profile is known when they check it); the newsroom links the package to
 * the items once stored.
 */
import { ValidationError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import { groupsOf } from "../newsroom/package_groups.ts";
import type { Actor } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import { highlightedItems } from "./highlight_items.ts";
import { renderTemplateData } from "./template_rendering.ts";

/** Settings the hooks read. */
export interface HighlightPackageOptions {
  registry: ResourceRegistry;
  /** The newsroom's zone (`DEFAULT_TIMEZONE`): days and weeks of highlight periods. */
  timeZone: string;
  /** The source of manual items (datelines of the template). */
  source: string;
}

/** Builds the hooks. */
export function highlightPackageHooks(options: HighlightPackageOptions): ItemHooks {
  const { registry } = options;
  return {
    async beforeCreate(item, { actor }) {
      if (item.type !== "composite" || typeof item.highlight !== "string" || !item.highlight) {
        return;
      }
      const highlight = await registry.service("highlights").findOne({ _id: item.highlight });
      if (!highlight) {
        throw new ValidationError({ highlight: `unknown highlight '${item.highlight}'` });
      }
      if (highlight.template) await copyTemplateMetadata(options, item, highlight, actor);
      await addHighlightedItems(options, item, { highlight, actor });
      await defaultDeskProfile(registry, item);
    },
  };
}

async function copyTemplateMetadata(
  options: HighlightPackageOptions,
  item: Doc,
  highlight: Doc,
  actor: Actor,
): Promise<void> {
  const template = await options.registry.service("content_templates").findOne({
    _id: highlight.template,
  });
  if (!template) return;
  const user = actor.kind === "user" && actor.userId
    ? await options.registry.service("users").findOne({ _id: actor.userId })
    : null;
  // The package keeps its own type and its checked groups: a template's refs were never checked
  // against what the creator may see (Superdesk takes them too).
  const { type, groups } = item;
  renderTemplateData(item, template, {
    user: user ?? {},
    now: new Date(),
    source: typeof item.source === "string" ? item.source : options.source,
    timeZone: options.timeZone,
    apply: true,
  });
  item.type = type;
  item.groups = groups;
}

/** Adds the items `highlight` collects that `actor` may list (as Superdesk's search narrows them). */
async function addHighlightedItems(
  options: HighlightPackageOptions,
  item: Doc,
  { highlight, actor }: { highlight: Doc; actor: Actor },
): Promise<void> {
  const main = groupsOf(item)[1];
  if (!main) return;
  const archive = options.registry.service<ArchiveService>("archive");
  const items = await highlightedItems(archive, highlight, {
    now: Date.now(),
    zone: options.timeZone,
    actor,
  });
  const refs = Array.isArray(main.refs) ? main.refs : [];
  const held = new Set(refs.map((ref: Doc) => ref?.residRef));
  for (const marked of items) {
    if (held.has(marked._id)) continue;
    held.add(marked._id);
    refs.push(itemRef(marked));
  }
  main.refs = refs;
}

/** Superdesk's `get_item_ref`: what a package keeps of an item it holds. */
function itemRef(item: Doc): Doc {
  return {
    residRef: item._id,
    headline: item.headline ?? null,
    slugline: item.slugline ?? null,
    location: "archive",
    itemClass: `icls:${item.type ?? "text"}`,
    renditions: item.renditions ?? {},
  };
}

/**
 * Superdesk's `init_default_content_profile`, which runs before a new item's profile defaults
 * to its type: so a package whose profile is its type's (implied) takes the desk's too.
 */
async function defaultDeskProfile(registry: ResourceRegistry, item: Doc): Promise<void> {
  if (item.profile && item.profile !== item.type) return;
  const deskId = (item.task as Doc | undefined)?.desk;
  if (!deskId) return;
  const desk = await registry.service("desks").findOne({ _id: deskId });
  if (desk?.default_content_profile) item.profile = desk.default_content_profile;
}
