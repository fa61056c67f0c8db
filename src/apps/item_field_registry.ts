/**
 * Custom item fields (Superdesk's `register_item_schema_field`): an app adds a top-level field to
 * the content item schema of `archive`, `ingest`, `published` and `archive_autosave`, which then
 * validate, store, index (a mapping change: `index:rebuild` on a deployment whose indexes exist)
 * and document it; by default an update (rewrite) copies it from its story
 * (`COPY_ON_REWRITE_FIELDS`). A field registered twice, or one the schema has, is an error naming
 * the app.
 */
import type { TSchema } from "@sinclair/typebox";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { Claims } from "./_claims.ts";

/** The resources whose items get the field, as Superdesk's. */
const ITEM_FIELD_RESOURCES = ["archive", "ingest", "published", "archive_autosave"] as const;

const FIELD_NAME = /^[a-z][a-z0-9_]*$/;

/** What other code reads. */
export interface ItemFields {
  /** The fields an update copies from its story. */
  copiedOnRewrite(): readonly string[];
}

/** The registry: filled by apps at start, read afterwards. */
export class ItemFieldRegistry implements ItemFields {
  #claims = new Claims("item field");
  #copied: string[] = [];

  /** Adds field `name` with `schema` to the item resources `resources` has, for `app`. */
  add(
    resources: ResourceRegistry,
    { name, schema, copyOnRewrite }: { name: string; schema: TSchema; copyOnRewrite: boolean },
    { app }: { app: string },
  ): void {
    if (!FIELD_NAME.test(name)) {
      throw new Error(
        `item field "${name}": lower-case letters, digits and "_", starting with a letter`,
      );
    }
    this.#claims.claim(name, app);
    for (const resource of ITEM_FIELD_RESOURCES) {
      if (resources.has(resource)) resources.addFields(resource, { [name]: schema });
    }
    if (copyOnRewrite) this.#copied.push(name);
  }

  copiedOnRewrite(): readonly string[] {
    return [...this.#copied];
  }
}
