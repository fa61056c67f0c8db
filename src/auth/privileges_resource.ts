/**
 * `GET /api/privileges` (Superdesk's `apps/privilege.py`): every privilege the apps declared
 * (`app.privileges(...)`), sorted by label as Superdesk sorts them, for the role editor, then one
 * per configured search provider (`resource:search_providers:<id>`, Superdesk's item
 * privileges). Read-only; each entry is `{_id, name, label, description?, category?}` with `_id`
 * the name.
 */
import type { PrivilegeList } from "../apps/privilege_registry.ts";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource, type ResourceDefinition } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";
import { Type } from "@sinclair/typebox";

/** The definition. */
export const privilegesResource = defineResource({
  name: "privileges",
  schema: Type.Object({
    name: Type.String(),
    label: Type.String(),
    description: Type.Optional(Type.String()),
    category: Type.Optional(Type.String()),
  }),
  resourceMethods: ["GET"],
  itemMethods: [],
});

/** Lists the registry and the search providers; nothing is stored. */
export class PrivilegesService extends ComputedListService {
  #privileges: PrivilegeList;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, privileges: PrivilegeList) {
    super(definition, ctx);
    this.#privileges = privileges;
  }

  protected override async items(): Promise<Doc[]> {
    const registered = [...this.#privileges.list()]
      .sort((a, b) => a.label.localeCompare(b.label))
      .map(({ name, label, description, category }) => {
        const doc: Doc = { _id: name, name, label };
        if (description !== undefined) doc.description = description;
        if (category !== undefined) doc.category = category;
        return doc;
      });
    return [...registered, ...await this.providerPrivileges()];
  }

  /** One privilege per configured search provider. */
  private async providerPrivileges(): Promise<Doc[]> {
    if (!this.ctx.registry.has("search_providers")) return [];
    const providers = await this.ctx.registry.service("search_providers").find({
      page: 1,
      maxResults: 1000,
      skipCount: true,
      projection: { name: 1 },
    });
    return providers.items.map((provider) => {
      const name = `resource:search_providers:${provider._id}`;
      return {
        _id: name,
        name,
        label: `Search Provider: ${provider.name}`,
        category: "search_providers",
      };
    });
  }
}
