/**
 * What the content model adds to desks (Superdesk's desk settings): a desk's default content
 * profile and template must exist; a new desk without them gets the system's defaults (the
 * enabled text profile, `text` first, and a public create template of that profile). As in
 * Superdesk, a new desk is added to the desks of the default template its creator named (a
 * template on no desks is then offered on that desk only); the template picked here for a desk
 * that names none is one offered everywhere, and stays so.
 */
import { ValidationError } from "../errors.ts";
import type { ResourceHooks } from "../resources/resource_hooks.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import type { Doc } from "../storage/document_store.ts";
import type { ContentTemplatesService } from "./content_templates_service.ts";

/** Builds the hooks on `desks` (run after the desks service's own). */
export function deskDefaults(registry: ResourceRegistry): ResourceHooks {
  const profiles = () => registry.service("content_types");
  const templates = () => registry.service<ContentTemplatesService>("content_templates");

  const assertRefs = async (desk: Doc) => {
    const profile = desk.default_content_profile;
    if (profile && !(await profiles().findOne({ _id: String(profile) }))) {
      throw new ValidationError({
        default_content_profile:
          `value '${profile}' must exist in resource 'content_types', field '_id'`,
      });
    }
    const template = desk.default_content_template;
    if (template && !(await templates().findOne({ _id: String(template) }))) {
      throw new ValidationError({
        default_content_template:
          `value '${template}' must exist in resource 'content_templates', field '_id'`,
      });
    }
  };

  /** New desks whose creator named the default template. */
  const named = new WeakSet<Doc>();

  const fillDefaults = async (desk: Doc) => {
    await assertRefs(desk);
    if (desk.default_content_template) named.add(desk);
    desk.default_content_profile ||= await defaultProfileId(registry);
    if (!desk.default_content_template && desk.default_content_profile) {
      desk.default_content_template = await defaultTemplateId(
        registry,
        String(desk.default_content_profile),
      );
    }
    if (!desk.default_content_profile) delete desk.default_content_profile;
    if (!desk.default_content_template) delete desk.default_content_template;
  };

  const joinTemplate = async (desk: Doc) => {
    const id = desk.default_content_template;
    if (!id) return;
    const template = await templates().findOne({ _id: String(id) });
    if (!template) return;
    const desks = Array.isArray(template.template_desks) ? template.template_desks : [];
    if ((desks.length === 0 && !named.has(desk)) || desks.includes(desk._id)) return;
    await templates().update(String(id), { template_desks: [...desks, desk._id] });
  };

  return {
    async onCreate(desks) {
      for (const desk of desks) await fillDefaults(desk);
    },

    async onCreated(desks) {
      for (const desk of desks) await joinTemplate(desk);
    },

    async onUpdate(updates) {
      await assertRefs(updates);
    },
  };
}

/** The system's default profile: the enabled text profile, preferring `text`. */
async function defaultProfileId(registry: ResourceRegistry): Promise<string | undefined> {
  const profiles = registry.service("content_types");
  const text = await profiles.findOne({ _id: "text", enabled: true });
  if (text) return "text";
  const result = await profiles.find({
    filter: { enabled: true, type: { $in: [null, "text"] } },
    sort: [["priority", -1], ["_id", 1]],
    page: 1,
    maxResults: 1,
  });
  const first = result.items[0];
  return first ? String(first._id) : undefined;
}

/** A public create template of `profileId` offered everywhere, the oldest first. */
async function defaultTemplateId(
  registry: ResourceRegistry,
  profileId: string,
): Promise<string | undefined> {
  const result = await registry.service("content_templates").find({
    filter: {
      "data.profile": profileId,
      template_type: "create",
      is_public: true,
      $or: [{ template_desks: { $exists: false } }, { template_desks: null }, {
        template_desks: { $size: 0 },
      }],
    },
    sort: [["_id", 1]],
    page: 1,
    maxResults: 1,
  });
  const first = result.items[0];
  return first ? String(first._id) : undefined;
}
