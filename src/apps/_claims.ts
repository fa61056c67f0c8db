/**
 * Who registered which name, for the registries apps fill at start: a second registration of
 * one name is an error naming both apps, so two apps never silently override each other.
 */

/** Names of one kind (privilege, macro, ...) and the app that registered each. */
export class Claims {
  #owners = new Map<string, string>();
  #kind: string;

  constructor(kind: string) {
    this.#kind = kind;
  }

  /** Records `name` for `app`; throws when another (or the same) app registered it already. */
  claim(name: string, app: string): void {
    if (typeof name !== "string" || name.trim() === "") {
      throw new Error(`a ${this.#kind} needs a non-empty name`);
    }
    const owner = this.#owners.get(name);
    if (owner !== undefined) {
      throw new Error(`${this.#kind} "${name}" is already registered by app "${owner}"`);
    }
    this.#owners.set(name, app);
  }

  /** The app that registered `name`, if any. */
  owner(name: string): string | undefined {
    return this.#owners.get(name);
  }
}
