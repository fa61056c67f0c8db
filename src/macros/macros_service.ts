/**
 * Listing and running macros (Superdesk's `MacrosService`). A run gets a copy of the item; with
 * `commit` the fields the macro changed are saved to the archive item through the archive
 * service as the caller, so the lock, visibility and edit rules of a PATCH apply (a removed
 * field is set to null). The macro's own failures are contained: an `HttpError` it throws is the
 * answer, anything else a 500 logged with its app's name. Stages run macros as rules when items
 * leave, enter or reach them (`applyStageRule`), where any failure answers the move with a 400.
 */
import { isDeepStrictEqual } from "node:util";
import { AppFailure, contain } from "../app_failure.ts";
import {
  type Actor,
  BadRequestError,
  type Doc,
  type ListQuery,
  type ListResult,
  type MacroList,
  type RegisteredMacro,
  type ResourceDefinition,
  ResourceService,
  type ServiceContext,
  ValidationError,
} from "../app_api.ts";
import { isDoc } from "../storage/document_store.ts";

/** What a listing shows. */
export interface MacroFilter {
  /** A desk name: only macros of that desk (or of every desk). */
  desk?: string;
  /** Include `backend` macros. */
  backend?: boolean;
  page: number;
  maxResults: number;
}

/** A run, as `POST /api/macros` sends it. */
export interface MacroRun {
  macro: string;
  item: Doc;
  commit: boolean;
}

export class MacrosService extends ResourceService {
  #macros: MacroList;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, macros: MacroList) {
    super(definition, ctx);
    this.#macros = macros;
  }

  /** One page of macros as Superdesk lists them, in registration order. */
  list({ desk, backend = false, page, maxResults }: MacroFilter): ListResult {
    const wanted = desk?.toUpperCase();
    const all = this.#macros.list().filter((macro) =>
      (backend || macro.accessType === "frontend") &&
      (wanted === undefined || macro.desks === undefined || macro.desks.includes(wanted))
    );
    const start = (page - 1) * maxResults;
    return { items: all.slice(start, start + maxResults).map(wireMacro), total: all.length };
  }

  /** The default listing: frontend macros of every desk. */
  override find(query: ListQuery): Promise<ListResult> {
    return Promise.resolve(this.list({ page: query.page, maxResults: query.maxResults }));
  }

  /** Runs each body in turn; "creating" a macros document means running it. */
  override async create(inputs: Doc[], actor: Actor): Promise<Doc[]> {
    const results: Doc[] = [];
    for (const input of inputs) results.push(await this.run(parseRun(input), actor));
    return results;
  }

  /** Runs `macro` on a copy of `item` as `actor`; with `commit`, saves what it changed. */
  async run({ macro: name, item, commit }: MacroRun, actor: Actor): Promise<Doc> {
    const macro = this.#macros.get(name);
    if (!macro) throw new ValidationError({ macro: `unallowed value ${name}` });
    const where = `macro "${name}"`;
    const output = await contain(macro.app, where, () =>
      macro.callback(structuredClone(item), {
        actor,
        services: this.ctx,
        log: this.ctx.log.child({ app: macro.app, macro: name }),
      }));
    if (!output || typeof output !== "object" || !isDoc(output.item)) {
      throw new AppFailure(macro.app, where, new Error("the callback returned no {item}"));
    }
    const result: Doc = { _id: name, macro: name, item: output.item, commit };
    if (output.diff !== undefined) result.diff = output.diff;
    if (commit) result.item = await this.#commit(item, output.item, actor);
    return result;
  }

  /**
   * A stage rule (Superdesk's `apply_stage_rule`): runs macro `name` on a copy of `item` as
   * `actor` and answers the item it made; undefined when no macro has that name (Superdesk skips
   * it with a warning). Whatever the macro throws refuses the action with Superdesk's 400
   * `Error:'<reason>' in <rule> rule:<label> for stage:<stage name>`.
   */
  async applyStageRule(
    name: string,
    item: Doc,
    { actor, rule, stage }: { actor: Actor; rule: "incoming" | "outgoing" | "onstage"; stage: Doc },
  ): Promise<Doc | undefined> {
    const macro = this.#macros.get(name);
    if (!macro) {
      this.ctx.log.warn("the macro of a stage rule is missing", { macro: name, rule });
      return undefined;
    }
    try {
      const output = await macro.callback(structuredClone(item), {
        actor,
        services: this.ctx,
        log: this.ctx.log.child({ app: macro.app, macro: name }),
      });
      return isDoc(output?.item) ? output.item : item;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new BadRequestError(
        `Error:'${reason}' in ${rule} rule:${macro.label} for stage:${stage.name}`,
      );
    }
  }

  /** Saves the top-level fields `changed` differs in from `sent`; returns the stored item. */
  async #commit(sent: Doc, changed: Doc, actor: Actor): Promise<Doc> {
    const id = sent._id;
    if (typeof id !== "string" || id === "") {
      throw new ValidationError({ item: { _id: "required field to commit" } });
    }
    const updates: Doc = {};
    for (const key of new Set([...Object.keys(sent), ...Object.keys(changed)])) {
      if (key.startsWith("_")) continue;
      if (!isDeepStrictEqual(sent[key], changed[key])) updates[key] = changed[key] ?? null;
    }
    const archive = this.ctx.registry.service("archive");
    const current = await archive.getById(id, actor);
    if (Object.keys(updates).length === 0) return current;
    return await archive.update(id, updates, { etag: String(current._etag), actor });
  }
}

/** A macro as `GET /api/macros` shows it (Superdesk's public properties). */
function wireMacro(macro: RegisteredMacro): Doc {
  const doc: Doc = {
    name: macro.name,
    label: macro.label,
    access_type: macro.accessType,
    action_type: macro.actionType,
    replace_type: macro.replaceType,
  };
  const optional: Doc = {
    description: macro.description,
    group: macro.group,
    order: macro.order,
    shortcut: macro.shortcut,
    desks: macro.desks,
    from_languages: macro.fromLanguages,
    to_languages: macro.toLanguages,
  };
  for (const [key, value] of Object.entries(optional)) if (value !== undefined) doc[key] = value;
  return doc;
}

/** The body of a run, or a validation error naming each bad field (Superdesk's schema). */
export function parseRun(body: Doc): MacroRun {
  const issues: Record<string, string> = {};
  if (typeof body.macro !== "string" || body.macro === "") {
    issues.macro = body.macro === undefined ? "required field" : "must be of string type";
  }
  if (!isDoc(body.item)) {
    issues.item = body.item === undefined ? "required field" : "must be of dict type";
  }
  if (body.commit !== undefined && typeof body.commit !== "boolean") {
    issues.commit = "must be of boolean type";
  }
  if (Object.keys(issues).length > 0) throw new ValidationError(issues);
  return { macro: body.macro as string, item: body.item as Doc, commit: body.commit === true };
}
