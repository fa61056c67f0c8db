/**
 * Search provider types (Superdesk's `register_search_provider`): the kinds of external source
 * an app can search for the web client. A configured provider (`/api/search_providers`) must
 * name a registered type; `GET /api/search_providers_allowed` lists them. A type registered
 * twice is an error naming both apps.
 */
import { Claims } from "./_claims.ts";

/** A provider type as an app declares it. */
export interface SearchProviderType {
  /** What a configured provider's `search_provider` names, e.g. `superdesk`. */
  search_provider: string;
  /** What the client shows. */
  label: string;
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
    this.#claims.claim(type.search_provider, app);
    this.#types.push(Object.freeze({ search_provider: type.search_provider, label: type.label }));
  }

  list(): readonly SearchProviderType[] {
    return [...this.#types];
  }
}
