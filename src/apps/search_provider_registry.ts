/**
 * Search provider types (Superdesk's `register_search_provider`): the kinds of external source
 * an app can search for the web client. A configured provider (`/api/search_providers`) must
 * name a registered type; `GET /api/search_providers_allowed` lists them. A type registered
 * twice is an error naming both apps. A type that implements `find` and `fetch` (Superdesk's
 * `SearchProvider` class) is searched and archived from through `search_providers_proxy`.
 */
import type { Doc } from "../storage/document_store.ts";
import { Claims } from "./_claims.ts";

/** A provider type as an app declares it. */
export interface SearchProviderType {
  /** What a configured provider's `search_provider` names, e.g. `superdesk`. */
  search_provider: string;
  /** What the client shows. */
  label: string;
  /**
   * The items matching `query` (the client's `source`, Elasticsearch's query DSL) with the
   * client's `params`, for the configured `provider` (its `config` holds credentials):
   * Superdesk's `SearchProvider.find`. Each item needs a `guid`.
   */
  find?(query: Doc, options: { params: Doc; provider: Doc }): Promise<Doc[]> | Doc[];
  /**
   * Item `guid` with all its metadata, to archive it (Superdesk's `SearchProvider.fetch`); its
   * fields must be archive fields.
   */
  fetch?(guid: string, options: { provider: Doc }): Promise<Doc> | Doc;
}

/** What other code reads. */
export interface SearchProviderTypes {
  /** Every type, in registration order. */
  list(): readonly SearchProviderType[];
}

/** The registry: filled by apps at start, read afterwards. */
export class SearchProviderRegistry implements SearchProviderTypes {
  #claims = new Claims("search provider");
  #types: SearchProviderType[] = [];

  /** Registers `type` for `app`. */
  add(type: SearchProviderType, { app }: { app: string }): void {
    if (typeof type.label !== "string" || type.label.trim() === "") {
      throw new Error(`search provider "${type.search_provider}" needs a label`);
    }
    for (const method of ["find", "fetch"] as const) {
      if (type[method] !== undefined && typeof type[method] !== "function") {
        throw new Error(`search provider "${type.search_provider}": ${method} must be a function`);
      }
    }
    this.#claims.claim(type.search_provider, app);
    // Bound to what the app gave: a provider written as a class (Superdesk's `SearchProvider`)
    // reads its own fields through `this`, which the frozen copy does not hold.
    const { search_provider, label, find, fetch } = type;
    this.#types.push(Object.freeze({
      search_provider,
      label,
      find: find?.bind(type),
      fetch: fetch?.bind(type),
    }));
  }

  list(): readonly SearchProviderType[] {
    return [...this.#types];
  }
}
