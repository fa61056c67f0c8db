/**
 * Search providers (Superdesk's `apps/search_providers`): configured external sources the web
 * client searches beside the archive (its search panel and monitoring wait for
 * `GET /api/search_providers` at start). A provider names a registered provider type
 * (`search_provider`, refused otherwise as Superdesk does: "unallowed value X"); the types are
 * what apps register, listed by `GET /api/search_providers_allowed`. Writes need
 * `search_providers`; each provider is also a privilege of its own
 * (`resource:search_providers:<id>`, Superdesk's item privileges) in `GET /api/privileges`.
 */
import { Type } from "@sinclair/typebox";
import type { SearchProviderType } from "../apps/search_provider_registry.ts";
import { ValidationError } from "../errors.ts";
import type { AllowedValuesSource } from "./allowed_values.ts";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { DateTimeField } from "../resources/schema/fields.ts";
import type { Doc } from "../storage/document_store.ts";

/** The privilege that configures search providers. */
export const SEARCH_PROVIDERS_PRIVILEGE = "search_providers";

/** The `search_providers` definition. */
export const searchProvidersResource = defineResource({
  name: "search_providers",
  schema: Type.Object({
    search_provider: Type.String({ minLength: 1 }),
    source: Type.String({ minLength: 1 }),
    name: Type.String({ minLength: 1 }),
    is_closed: Type.Optional(Type.Boolean()),
    is_default: Type.Optional(Type.Boolean()),
    advanced_search: Type.Optional(Type.Boolean()),
    last_item_update: Type.Optional(DateTimeField()),
    config: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  }, { additionalProperties: false }),
  resourceMethods: ["GET", "POST"],
  itemMethods: ["GET", "PATCH", "DELETE"],
  privileges: {
    POST: SEARCH_PROVIDERS_PRIVILEGE,
    PATCH: SEARCH_PROVIDERS_PRIVILEGE,
    DELETE: SEARCH_PROVIDERS_PRIVILEGE,
  },
  etagIgnoreFields: ["last_item_update"],
  notifications: true,
});

/**
 * Checks the provider type against what is registered; the registered types are the allowed
 * values of `search_provider` (`GET /api/allowed_values`).
 */
export class SearchProvidersService extends ResourceService implements AllowedValuesSource {
  #types: () => readonly SearchProviderType[];

  constructor(ctx: ServiceContext, types: () => readonly SearchProviderType[]) {
    super(searchProvidersResource, ctx);
    this.#types = types;
  }

  protected override onCreate(docs: Doc[]) {
    for (const doc of docs) {
      this.assertRegistered(doc.search_provider);
      doc.is_closed ??= false;
      doc.is_default ??= false;
      doc.advanced_search ??= false;
    }
  }

  protected override onUpdate(updates: Doc) {
    if ("search_provider" in updates) this.assertRegistered(updates.search_provider);
  }

  allowedValues(): Record<string, readonly string[]> {
    return { search_provider: this.#types().map(({ search_provider }) => search_provider) };
  }

  private assertRegistered(type: unknown): void {
    if (this.#types().some(({ search_provider }) => search_provider === type)) return;
    throw new ValidationError({ search_provider: `unallowed value ${type}` });
  }
}

/** `GET /api/search_providers_allowed`: the registered provider types. */
export const searchProvidersAllowedResource = defineResource({
  name: "search_providers_allowed",
  schema: Type.Object({ search_provider: Type.String(), label: Type.String() }),
  itemMethods: [],
});

/** Lists the registered provider types. */
export class SearchProvidersAllowedService extends ComputedListService {
  #types: () => readonly SearchProviderType[];

  constructor(ctx: ServiceContext, types: () => readonly SearchProviderType[]) {
    super(searchProvidersAllowedResource, ctx);
    this.#types = types;
  }

  protected override items(): Doc[] {
    return this.#types().map(({ search_provider, label }) => ({
      _id: search_provider,
      search_provider,
      label,
    }));
  }
}
