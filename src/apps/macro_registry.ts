/**
 * Macros (Superdesk's `apps/macros` registry): named transformations of a content item that
 * apps register and users run from the editor. `GET /api/macros` lists them as Superdesk
 * renders them (`access_type: "frontend"` ones unless `backend=true`; those of a desk with
 * `desk=NAME`), `POST /api/macros {macro, item, commit}` runs one on an item and, with `commit`,
 * saves what it changed (src/macros/).
 *
 * A macro's `callback` receives a copy of the item and returns `{item, diff?}`: the item it
 * made, and optionally Superdesk's `diff` (original text → replacement) that the editor uses to
 * highlight or replace in place (`replaceType` `simple-replace`/`keep-style-replace`). It may
 * refuse with an `HttpError` (e.g. a 400 naming what is missing); anything else it throws is a
 * 500 logged with the app's name. A name registered twice is an error naming both apps.
 */
import type { Logger } from "../log.ts";
import type { Actor } from "../resources/actor.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { Claims } from "./_claims.ts";

/** Who sees a macro in the editor: `frontend` (listed by default) or `backend` (on request). */
export type MacroAccess = "frontend" | "backend";

/** How the editor applies the result (Superdesk's `replace_type`). */
export type MacroReplace = "no-replace" | "simple-replace" | "keep-style-replace" | "editor_state";

/** What a macro's callback receives besides the item. */
export interface MacroContext {
  /** Who runs it. */
  actor: Actor;
  services: ServiceContext;
  /** A logger whose records carry the app's name. */
  log: Logger;
}

/** What a macro's callback returns. */
export interface MacroOutput {
  /** The transformed item (the input copy changed in place, or a new object). */
  item: Doc;
  /** Original text → replacement, for `simple-replace` and `keep-style-replace`. */
  diff?: Record<string, string>;
}

/** A macro as an app declares it. */
export interface Macro {
  /** Unique; what `POST /api/macros` names. */
  name: string;
  /** Shown in the editor's macro list. */
  label: string;
  description?: string;
  /** Default `frontend`. */
  accessType?: MacroAccess;
  /** `direct` (apply at once, the default) or `interactive` (the editor asks first). */
  actionType?: "direct" | "interactive";
  /** Default `no-replace`. */
  replaceType?: MacroReplace;
  /** Groups macros in the editor. */
  group?: string;
  /** Sort order in the editor's list. */
  order?: number;
  /** Keyboard shortcut (with ctrl). */
  shortcut?: string;
  /** Desk names (upper case, as Superdesk compares them) the macro is listed for; all when absent. */
  desks?: string[];
  /** Languages a translation macro applies from / to. */
  fromLanguages?: string[];
  toLanguages?: string[];
  callback(item: Doc, context: MacroContext): MacroOutput | Promise<MacroOutput>;
}

/** A registered macro with the app that declared it. */
export interface RegisteredMacro extends Readonly<Macro> {
  readonly app: string;
  readonly accessType: MacroAccess;
  readonly actionType: "direct" | "interactive";
  readonly replaceType: MacroReplace;
}

/** What other code reads. */
export interface MacroList {
  /** Every macro, in registration order. */
  list(): readonly RegisteredMacro[];
  get(name: string): RegisteredMacro | undefined;
}

const ACCESS = ["frontend", "backend"];
const ACTIONS = ["direct", "interactive"];
const REPLACES = ["no-replace", "simple-replace", "keep-style-replace", "editor_state"];

/** The registry: filled by apps at start, read afterwards. */
export class MacroRegistry implements MacroList {
  #claims = new Claims("macro");
  #entries = new Map<string, RegisteredMacro>();

  /** Registers `macro` for `app`; a bad declaration or a repeated name throws. */
  add(macro: Macro, { app }: { app: string }): void {
    const { name, label, callback } = macro;
    const problem = typeof label !== "string" || label === ""
      ? "needs a label"
      : typeof callback !== "function"
      ? "needs a callback"
      : oneOf("accessType", macro.accessType, ACCESS) ??
        oneOf("actionType", macro.actionType, ACTIONS) ??
        oneOf("replaceType", macro.replaceType, REPLACES);
    if (problem) throw new Error(`macro ${JSON.stringify(name)} ${problem}`);
    this.#claims.claim(name, app);
    this.#entries.set(
      name,
      Object.freeze({
        ...macro,
        desks: macro.desks?.map((desk) => desk.toUpperCase()),
        accessType: macro.accessType ?? "frontend",
        actionType: macro.actionType ?? "direct",
        replaceType: macro.replaceType ?? "no-replace",
        app,
      }),
    );
  }

  list(): readonly RegisteredMacro[] {
    return [...this.#entries.values()];
  }

  get(name: string): RegisteredMacro | undefined {
    return this.#entries.get(name);
  }
}

function oneOf(field: string, value: unknown, allowed: string[]): string | undefined {
  if (value === undefined || allowed.includes(value as string)) return undefined;
  return `has ${field} ${JSON.stringify(value)}; expected one of ${allowed.join(", ")}`;
}
