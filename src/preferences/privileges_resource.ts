/**
 * `GET /api/privileges` (Superdesk's `apps/privilege.py`): every privilege modules register, by
 * label, as the role and user editors list them (`{name, label, category, description}`), plus
 * one per configured search provider (`resource:search_providers:<id>`, Superdesk's item
 * privileges). Read-only; `_id` is the name.
 */
import { Type } from "@sinclair/typebox";
import type { PrivilegeList } from "../apps/privilege_registry.ts";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";

/** The `privileges` definition. */
export const privilegesResource = defineResource({
  name: "privileges",
  schema: Type.Object({
    name: Type.String(),
    label: Type.String(),
    category: Type.Optional(Type.String()),
    description: Type.Optional(Type.String()),
  }),
  itemUrl: "[^/]+",
  itemMethods: [],
});

/** Lists the registered privileges. */
export class PrivilegesService extends ComputedListService {
  #privileges: PrivilegeList;

  constructor(ctx: ServiceContext, privileges: PrivilegeList) {
    super(privilegesResource, ctx);
    this.#privileges = privileges;
  }

  protected override async items(): Promise<Doc[]> {
    const registered: Doc[] = this.#privileges.list().map((
      { name, label, category, description },
    ) => ({
      _id: name,
      name,
      label,
      ...(category === undefined ? {} : { category }),
      ...(description === undefined ? {} : { description }),
    }));
    registered.sort((a, b) => String(a.label).localeCompare(String(b.label)));
    return [...registered, ...await this.itemPrivileges()];
  }

  /** One privilege per configured search provider. */
  private async itemPrivileges(): Promise<Doc[]> {
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
