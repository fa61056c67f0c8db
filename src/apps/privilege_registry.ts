/**
 * The privileges apps declare (Superdesk's `superdesk.privilege(name, label, description,
 * category)`): the names roles and users grant (`{name: 1}`), with the label, description and
 * category the web client's role editor shows. `GET /api/privileges` lists them; a resource
 * whose `privileges` name one nobody registered fails the start (see `register_apps.ts`).
 *
 * Names follow Superdesk: any non-empty name without "." (Mongo keys of `privileges` objects)
 * or whitespace. A name registered twice is an error naming both apps.
 */
import { Claims } from "./_claims.ts";

/** A privilege as an app declares it. */
export interface Privilege {
  /** What roles and users grant, e.g. `archive`, `fact_check`. */
  name: string;
  /** Shown in the role editor, e.g. "Create content". */
  label: string;
  /** One sentence on what it allows. */
  description?: string;
  /** Groups privileges in the role editor. */
  category?: string;
}

/** A registered privilege with the app that declared it. */
export interface RegisteredPrivilege extends Readonly<Privilege> {
  readonly app: string;
}

/** What other code reads: every privilege, in registration order. */
export interface PrivilegeList {
  /** Every privilege, in registration order. */
  list(): readonly RegisteredPrivilege[];
  /** The privilege named `name`, if registered. */
  get(name: string): RegisteredPrivilege | undefined;
  has(name: string): boolean;
}

/** The registry: filled by apps at start, read afterwards. */
export class PrivilegeRegistry implements PrivilegeList {
  #claims = new Claims("privilege");
  #entries = new Map<string, RegisteredPrivilege>();

  /** Registers `privilege` for `app`; a bad or repeated name throws. */
  add(privilege: Privilege, { app }: { app: string }): void {
    const { name, label, description, category } = privilege;
    if (typeof name !== "string" || !/^[^.\s]+$/.test(name)) {
      throw new Error(
        `privilege name ${JSON.stringify(name)} must be non-empty, without "." or spaces`,
      );
    }
    if (typeof label !== "string" || label.trim() === "") {
      throw new Error(`privilege "${name}" needs a label`);
    }
    this.#claims.claim(name, app);
    this.#entries.set(name, Object.freeze({ name, label, description, category, app }));
  }

  list(): readonly RegisteredPrivilege[] {
    return [...this.#entries.values()];
  }

  get(name: string): RegisteredPrivilege | undefined {
    return this.#entries.get(name);
  }

  has(name: string): boolean {
    return this.#entries.has(name);
  }
}
