/**
 * Applying a template to an item without storing anything (Superdesk's
 * `ContentTemplatesApplyService`, used when killing): the template, found by name among those
 * the caller sees, is rendered onto the item; editor states are rebuilt from the new values; a
 * kill template empties `byline` and `place`. The answer is the item.
 */
import { NotFoundError, ValidationError } from "../errors.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { documentValidator } from "../resources/schema/validate_document.ts";
import type { Doc } from "../storage/document_store.ts";
import { htmlToText } from "./html_text.ts";
import { renderTemplateData } from "./template_rendering.ts";

/** Fields a kill template empties on the item it is applied to (Superdesk's default). */
const KILL_TEMPLATE_NULL_FIELDS = ["byline", "place"];

export class ContentTemplatesApplyService extends ResourceService {
  readonly #timeZone: string;
  readonly #source: string;

  constructor(
    definition: ResourceDefinition,
    ctx: ServiceContext,
    { timeZone, source }: { timeZone: string; source: string },
  ) {
    super(definition, ctx);
    this.#timeZone = timeZone;
    this.#source = source;
  }

  /** Each input's item with its template applied (not stored). */
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    const items: Doc[] = [];
    for (const input of inputs) {
      const issues = documentValidator(this.definition.schema).issues(input);
      if (issues) throw new ValidationError(issues);
      const name = String(input.template_name).toLowerCase();
      const template = await this.ctx.registry.service("content_templates").findOne(
        { template_name: name },
        actor,
      );
      if (!template) throw new NotFoundError(`Template "${input.template_name}" not found`);
      const item = structuredClone(input.item) as Doc;
      const user = actor.userId
        ? await this.ctx.registry.service("users").findOne({ _id: actor.userId })
        : null;
      renderTemplateData(item, template, {
        user: user ?? {},
        now: new Date(),
        source: typeof item.source === "string" ? item.source : this.#source,
        timeZone: this.#timeZone,
        apply: true,
      });
      rebuildEditorStates(item);
      if (template.template_type === "kill") {
        for (const field of KILL_TEMPLATE_NULL_FIELDS) if (field in item) item[field] = null;
      }
      items.push(item);
    }
    return items;
  }
}

/** Rebuilds the editor states of the item's fields from their (new) values. */
function rebuildEditorStates(item: Doc) {
  const meta = item.fields_meta;
  if (!meta || typeof meta !== "object" || Array.isArray(meta)) return;
  for (const field of Object.keys(meta as Doc)) {
    const value = item[field];
    if (typeof value !== "string") continue;
    const lines = htmlToText(value).split("\n").filter((line) => line.trim() !== "");
    (meta as Doc)[field] = {
      draftjsState: [{
        blocks: lines.map((text) => ({
          text,
          type: "unstyled",
          depth: 0,
          inlineStyleRanges: [],
          entityRanges: [],
          data: {},
        })),
        entityMap: {},
      }],
    };
  }
}
