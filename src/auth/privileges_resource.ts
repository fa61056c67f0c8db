/**
 * `GET /api/privileges` (Superdesk's `apps/privilege.py`): every privilege the apps declared
 * (`app.privileges(...)`), sorted by label as Superdesk sorts them, for the role editor. Read-only;
 * each entry is `{_id, name, label, description?, category?}` with `_id` the name.
 */
import {
  defineResource,
  type ListQuery,
  type ListResult,
  type PrivilegeList,
  type ResourceDefinition,
  ResourceService,
  type ServiceContext,
  Type,
} from "../app_api.ts";

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

/** Lists the registry; nothing is stored. */
export class PrivilegesService extends ResourceService {
  #privileges: PrivilegeList;

  constructor(definition: ResourceDefinition, ctx: ServiceContext, privileges: PrivilegeList) {
    super(definition, ctx);
    this.#privileges = privileges;
  }

  /** One page of the privileges, by label. */
  override find({ page, maxResults }: ListQuery): Promise<ListResult> {
    const all = [...this.#privileges.list()]
      .sort((a, b) => a.label.localeCompare(b.label))
      .map(({ name, label, description, category }) => {
        const doc: Record<string, unknown> = { _id: name, name, label };
        if (description !== undefined) doc.description = description;
        if (category !== undefined) doc.category = category;
        return doc;
      });
    const start = (page - 1) * maxResults;
    return Promise.resolve({ items: all.slice(start, start + maxResults), total: all.length });
  }
}
