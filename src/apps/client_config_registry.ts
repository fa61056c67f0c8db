/**
 * What apps add to `GET /api/client_config` (Superdesk's `app.client_config.update(...)` and
 * `client_config.setdefault("user", {}).update(...)`): the `config` object the web client reads
 * at start-up. Objects merge across apps, so two apps may each add keys under `user`; any other
 * value is a leaf, and one leaf set by two apps is an error naming both and the dotted key.
 * Values are checked to be JSON at registration and copied on every read.
 */
import { assertJsonValue, isPlainObject } from "./_json_value.ts";

/** What other code reads. */
export interface ClientConfigValues {
  /** The merged `config` object, a fresh copy. */
  values(): Record<string, unknown>;
  /** The app that set the leaf at dotted `path` (e.g. `user.username_pattern`), if any. */
  appOf(path: string): string | undefined;
}

/** The registry: filled by apps at start, read afterwards. */
export class ClientConfigRegistry implements ClientConfigValues {
  #config: Record<string, unknown> = {};
  #owners = new Map<string, string>();

  /** Merges `values` into the config for `app`; a leaf another app set throws. */
  add(values: Record<string, unknown>, { app }: { app: string }): void {
    if (!isPlainObject(values)) throw new Error("client_config additions must be an object");
    assertJsonValue(values, "client_config");
    if (Object.keys(values).length === 0) return;
    const copy = structuredClone(values);
    this.#checkLeaves(this.#config, copy, "", app);
    merge(this.#config, copy);
    for (const path of leafPaths(copy, "")) this.#owners.set(path, app);
  }

  values(): Record<string, unknown> {
    return structuredClone(this.#config);
  }

  appOf(path: string): string | undefined {
    return this.#owners.get(path);
  }

  /** Throws when `incoming` sets a leaf (or replaces an object) already in `target`. */
  #checkLeaves(
    target: Record<string, unknown>,
    incoming: Record<string, unknown>,
    prefix: string,
    app: string,
  ): void {
    for (const [key, value] of Object.entries(incoming)) {
      const path = prefix + key;
      if (!(key in target)) continue;
      const existing = target[key];
      if (isPlainObject(existing) && isPlainObject(value)) {
        this.#checkLeaves(existing, value, `${path}.`, app);
        continue;
      }
      const owner = this.#owners.get(path) ?? leafPaths(existing, `${path}.`)
        .map((leaf) => this.#owners.get(leaf)).find(Boolean);
      throw new Error(`client_config "${path}" is already set by app "${owner}"`);
    }
  }
}

function merge(target: Record<string, unknown>, incoming: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(incoming)) {
    const existing = target[key];
    if (isPlainObject(existing) && isPlainObject(value)) merge(existing, value);
    else target[key] = value;
  }
}

/** Dotted paths of every leaf under `value` (an empty object counts as a leaf). */
function leafPaths(value: unknown, prefix: string): string[] {
  if (!isPlainObject(value) || Object.keys(value).length === 0) return [prefix.replace(/\.$/, "")];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, `${prefix}${key}.`));
}
