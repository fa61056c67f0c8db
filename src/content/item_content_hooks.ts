/**
 * The content model's part in an item's life (`ItemHooks`): a new item is filled from its
 * template (`template`, checked against the desks it is offered on) and gets its profile (the
 * desk's default, else one named after its type; on text `DEFAULT_CONTENT_TYPE` over none or a
 * type's), editor fields, byline and sign-off; every user's write is checked against the
 * vocabularies (ingest and other system writes carry agencies' codes and are not checked; the
 * profile's rules are held on publish, correct and kill, as Superdesk does); a save drops the
 * autosave (its sign-off is the archive's, `archive_edits.ts`); when a lock ends (unlock by
 * anyone, session end) the holder's own autosave is saved into the item as their edit, as
 * Superdesk does; an autosave that cannot become an edit (a never-saved draft being deleted, a
 * published item, another author's) is dropped.
 */
import { ForbiddenError, ValidationError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import type { ItemHooks } from "../newsroom/item_hooks.ts";
import { wordCount } from "../text/html_text.ts";
import type { Actor } from "../resources/actor.ts";
import { loadUserActor } from "../auth/user_actor.ts";
import { PUBLISHED_STATES } from "../publish/publish_workflow.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ArchiveAutosaveService } from "./archive_autosave_service.ts";
import { autosaveChanges } from "./autosave_access.ts";
import type { ContentTemplatesService } from "./content_templates_service.ts";
import type { ContentTypesService } from "./content_types_service.ts";
import { assignDefaultContentType } from "./default_profile.ts";
import { generateFields } from "./fields_meta.ts";
import { addSignOff } from "./sign_off.ts";
import { renderTemplateData } from "./template_rendering.ts";
import { checkVocabularyValues } from "./vocabulary_check.ts";

/** Settings the hooks read. */
export interface ContentHookOptions {
  registry: ResourceRegistry;
  log: Logger;
  /** The zone templates format dates in by default. */
  timeZone: string;
  /** The source of manual items (datelines). */
  source: string;
  /**
   * `DEFAULT_CONTENT_TYPE`: the profile of new text items that name none or a type's (as
   * ingested ones), so, like a profile named after the item's type, taken as given on text
   * without a stored profile of that name.
   */
  defaultContentType?: string;
}

/** Builds the hooks. */
export function contentItemHooks(options: ContentHookOptions): ItemHooks {
  const { registry, log } = options;
  const profiles = () => registry.service<ContentTypesService>("content_types");
  const autosaves = () => registry.service<ArchiveAutosaveService>("archive_autosave");

  return {
    async beforeCreate(item, { actor, touched }) {
      if (typeof item.template === "string" && item.template) {
        await applyTemplate(options, item, actor);
      }
      await assignProfile(registry, item, { touched, implied: options.defaultContentType });
      generateFields(item);
      item.word_count = wordCount(item.body_html);
      const user = await userOf(registry, actor);
      if (user) {
        if (!("byline" in item) && typeof user.byline === "string" && user.byline) {
          item.byline = user.byline;
        }
        addSignOff(item, null, user);
      }
      if (actor.kind === "user") {
        await assertValid(registry, item, touched);
      }
    },

    async afterCreate(items) {
      await profiles().setUsed(items.map((item) => item.profile));
    },

    async beforeSave(updates, original) {
      generateFields(updates, { original });
      if ("body_html" in updates) updates.word_count = wordCount(updates.body_html);
      // The sign-off of a save is the archive's (`archive_edits.ts`, before these hooks).
      const touched = new Set(Object.keys(updates));
      if (touched.has("profile") && updates.profile !== original.profile) {
        await assertProfileExists(registry, updates.profile);
      }
      await assertValid(registry, { ...original, ...updates }, touched);
    },

    async afterSave(updates, original) {
      await autosaves().removeFor(String(original._id));
      if (updates.profile && updates.profile !== original.profile) {
        await profiles().setUsed([updates.profile]);
      }
    },

    async beforeUnlock(item, { deleting }) {
      const id = String(item._id);
      const autosave = await autosaves().ofItem(id);
      if (!autosave) return;
      const holder = !deleting && !PUBLISHED_STATES.has(String(item.state)) &&
          item.lock_user && item.lock_user === autosave.version_creator
        ? await loadUserActor(registry, String(item.lock_user), String(item.lock_session ?? ""))
        : null;
      const changes = holder ? autosaveChanges(autosave, item) : {};
      if (!holder || Object.keys(changes).length === 0) {
        await autosaves().removeFor(id);
        return;
      }
      try {
        await registry.service<ArchiveService>("archive").update(id, changes, {
          etag: String(item._etag),
          actor: holder,
        });
      } catch (error) {
        log.warn("autosave kept: it could not be saved when the lock ended", {
          item: id,
          error: (error as Error).message,
        });
      }
    },
  };
}

/**
 * Fills `item` from its template (checked: visible to the actor, offered on the item's desk when
 * it is on one).
 */
async function applyTemplate(options: ContentHookOptions, item: Doc, actor: Actor) {
  const { registry } = options;
  const templates = registry.service<ContentTemplatesService>("content_templates");
  const template = await templates.findOne({ _id: item.template }, actor);
  if (!template) {
    throw new ValidationError({ template: `unknown template '${item.template}'` });
  }
  const desks = Array.isArray(template.template_desks) ? template.template_desks as string[] : [];
  const desk = (item.task as Doc | undefined)?.desk;
  // Personal space has no desk to offer templates: the client lists every template there
  // ("More Templates..."), and Superdesk creates the item whatever its template's desks.
  if (
    actor.kind === "user" && template.is_public && desk && desks.length > 0 &&
    !desks.includes(String(desk))
  ) {
    throw new ForbiddenError(
      `Template "${template.template_name}" is not offered on desk ${desk}`,
      {
        issues: { template: "not available on this desk" },
      },
    );
  }
  delete item.fields_meta;
  const user = (await userOf(registry, actor)) ?? {};
  renderTemplateData(item, template, {
    user,
    now: new Date(),
    source: typeof item.source === "string" ? item.source : options.source,
    timeZone: options.timeZone,
    apply: true,
  });
}

/**
 * The profile a new item gets: when it names none, its desk's default; a text item left with
 * none or a type's then takes `DEFAULT_CONTENT_TYPE` (`implied`), as Superdesk's
 * `on_create_item` gives it to every new text item; else its type. A profile the client names is
 * checked unless it is one the server gives itself (the item's type's, or `implied` on text).
 */
async function assignProfile(
  registry: ResourceRegistry,
  item: Doc,
  { touched, implied }: { touched: ReadonlySet<string>; implied?: string },
) {
  if (!item.profile) {
    const deskId = (item.task as Doc | undefined)?.desk;
    const desk = deskId ? await registry.service("desks").findOne({ _id: deskId }) : null;
    if (desk?.default_content_profile) item.profile = desk.default_content_profile;
  }
  if (assignDefaultContentType(item, implied)) return;
  if (!item.profile) {
    if (typeof item.type === "string") item.profile = item.type;
    return;
  }
  const given = item.profile === item.type || (item.type === "text" && item.profile === implied);
  if (touched.has("profile") && !given) await assertProfileExists(registry, item.profile);
}

async function assertProfileExists(registry: ResourceRegistry, profile: unknown) {
  if (profile === null || profile === undefined || profile === "") return;
  if (!(await registry.service("content_types").findOne({ _id: String(profile) }))) {
    throw new ValidationError({ profile: `unknown content profile '${String(profile)}'` });
  }
}

/**
 * Throws the 400 listing `item`'s values outside their vocabularies (of the `touched` fields); a
 * profile's rules are checked on publish, correct and kill, as Superdesk does.
 */
async function assertValid(registry: ResourceRegistry, item: Doc, touched: ReadonlySet<string>) {
  const problems = await checkVocabularyValues(registry, item, touched);
  if (Object.keys(problems.issues).length > 0) throw new ValidationError(problems.issues);
}

async function userOf(registry: ResourceRegistry, actor: Actor): Promise<Doc | null> {
  if (actor.kind !== "user" || !actor.userId) return null;
  return await registry.service("users").findOne({ _id: actor.userId });
}
