/**
 * Generating a highlights item (Superdesk's `GenerateHighlightsService`): the package's items
 * (its refs' `residRef`s that still exist and the caller may see) are rendered into one `body_html` with the `body_html`
 * of its highlight's template, or Superdesk's default highlight template; the new text item
 * takes the package's metadata (but its identity, structure, lock and server fields), version 1,
 * state `submitted` and the package's guid as `family_id`. Unless `export` or `preview`, every
 * item must be published and unlocked (403). A `preview` stores nothing and answers the item;
 * otherwise it is created in `archive` as the caller, and the history records
 * `export_highlight` on each item and `create_highlight` on the new one.
 */
import { AbortError, BadRequestError, NotFoundError } from "../errors.ts";
import type { ArchiveService } from "../newsroom/archive_service.ts";
import { itemRefsOf } from "../newsroom/package_groups.ts";
import { type Actor, SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceDefinition } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { renderTemplate } from "./template_language.ts";
import { templateFilters } from "./template_rendering.ts";

/**
 * Superdesk's `default_highlight_template.txt` (as Jinja renders a file: its last newline
 * dropped).
 */
export const DEFAULT_HIGHLIGHT_TEMPLATE = "{% for item in items %}\n" +
  "<h2>{{ item.headline|e }}</h2>\n" +
  "{{ item.body_html|first_paragraph() }}\n" +
  "<p></p>\n" +
  "{% endfor %}";

/**
 * Package fields the item does not take (Superdesk's `PACKAGE_FIELDS`, plus the creation dates
 * and package links, which belong to the new item).
 */
const PACKAGE_FIELDS = new Set([
  "type",
  "state",
  "groups",
  "unique_name",
  "pubstatus",
  "flags",
  "guid",
  "schedule_settings",
  "expiry",
  "format",
  "lock_time",
  "lock_user",
  "lock_session",
  "lock_action",
  "version",
  "version_creator",
  "operation",
  "unique_id",
  "fields_meta",
  "firstcreated",
  "versioncreated",
  "linked_in_packages",
]);

const NOT_READY = "Locked or not published items in highlight list.";

/** One input's new item, before it is stored, with what its history needs. */
interface Composed {
  doc: Doc;
  preview: boolean;
  items: Doc[];
  pkg: Doc;
  highlight: Doc | null;
}

/** `generate_highlights`: makes (or, for a preview, only answers) each input's item. */
export class GenerateHighlightsService extends ResourceService {
  readonly #timeZone: string;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, { timeZone }: {
    timeZone: string;
  }) {
    super(definition, ctx);
    this.#timeZone = timeZone;
  }

  /**
   * Each input's highlights item: stored in `archive`, or only answered (`preview`). Every
   * input is checked and rendered before any is stored, so a refusal stores nothing.
   */
  override async create(inputs: Doc[], actor: Actor = SYSTEM_ACTOR): Promise<Doc[]> {
    if (inputs.length === 0) throw new BadRequestError("Empty bulk insert");
    this.assertCreatable(inputs, actor);
    const composed: Composed[] = [];
    for (const input of inputs) composed.push(await this.#compose(input, actor));
    const stored = composed.filter((entry) => !entry.preview);
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    const created = stored.length > 0
      ? await archive.create(stored.map((entry) => entry.doc), actor, { trusted: true })
      : [];
    for (const [n, entry] of stored.entries()) await this.#record(entry, created[n]!, actor);
    let next = 0;
    return composed.map((entry) =>
      entry.preview ? { ...entry.doc, _id: "" } : archive.toPublic(created[next++]!)
    );
  }

  /** The item `input` asks for, its package's items read and checked, its body rendered. */
  async #compose(input: Doc, actor: Actor): Promise<Composed> {
    const archive = this.ctx.registry.service<ArchiveService>("archive");
    const pkg = await archive.findOne({ _id: String(input.package) }, actor);
    if (!pkg) {
      throw new NotFoundError(`Cannot generate highlights: package "${input.package}" not found`);
    }
    const preview = input.preview === true;
    const lenient = preview || input.export === true;
    const items: Doc[] = [];
    for (const ref of itemRefsOf(pkg)) {
      // An item the caller may not see (another's personal item, a hidden stage's) is left out
      // as a missing one is: the package may be older than its items' moves.
      const item = await archive.findOne({ _id: String(ref.residRef) }, actor);
      if (!item) continue;
      if (!lenient && (item.lock_session || item.state !== "published")) {
        // The client asks "continue?" (then exports with `export: true`) only when the answer's
        // `internal_error` is 403 (every error body carries it).
        throw new AbortError(403, NOT_READY);
      }
      items.push(item);
    }
    const highlight = await this.#highlightOf(pkg);
    const doc: Doc = {};
    for (const [key, value] of Object.entries(pkg)) {
      if (!key.startsWith("_") && !PACKAGE_FIELDS.has(key)) doc[key] = structuredClone(value);
    }
    // A package's own profile is the implied one of its type, none a text item can have.
    if (doc.profile === pkg.type) delete doc.profile;
    Object.assign(doc, {
      type: "text",
      family_id: pkg.guid,
      state: "submitted",
      _current_version: 1,
      body_html: this.#render(await this.#templateOf(highlight), { package: pkg, items }),
    });
    return { doc, preview, items, pkg, highlight };
  }

  /** The history: `export_highlight` on each item, `create_highlight` on the new one. */
  async #record({ items, pkg, highlight }: Composed, created: Doc, actor: Actor): Promise<void> {
    const marks = { highlight_id: pkg.highlight ?? null, highlight_name: highlight?.name ?? null };
    const operations = [
      ...items.map((item) => ({ item, operation: "export_highlight" })),
      { item: created, operation: "create_highlight" },
    ];
    for (const { item, operation } of operations) {
      await this.ctx.signals.emit("item:operation", {
        item,
        operation,
        updates: marks,
        user: actor.userId,
      });
    }
  }

  async #highlightOf(pkg: Doc): Promise<Doc | null> {
    if (typeof pkg.highlight !== "string" || !pkg.highlight) return null;
    return await this.ctx.registry.service("highlights").findOne({ _id: pkg.highlight });
  }

  /** The `body_html` of the highlight's template, when it has one. */
  async #templateOf(highlight: Doc | null): Promise<string | undefined> {
    if (!highlight?.template) return undefined;
    const template = await this.ctx.registry.service("content_templates").findOne({
      _id: highlight.template,
    });
    const body = (template?.data as Doc | undefined)?.body_html;
    return typeof body === "string" && body ? body : undefined;
  }

  #render(template: string | undefined, context: Record<string, unknown>): string {
    const body = renderTemplate(
      template ?? DEFAULT_HIGHLIGHT_TEMPLATE,
      context,
      templateFilters(this.#timeZone),
    );
    if (body === undefined) {
      throw new BadRequestError(
        "Cannot generate highlights: the highlight's template does not render",
      );
    }
    return body;
  }
}
