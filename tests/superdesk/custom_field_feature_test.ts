/**
 * Superdesk's features/custom_field.feature: `we register custom schema field` adds a field to
 * the item schema at run time (`register_item_schema_field`: archive, published, archived and
 * their search mappings). Our schemas are fixed at start and apps cannot add item fields yet.
 */
import { feature } from "./feature.ts";

const NEEDS = "custom item fields (an app API adding fields to the item schema)";

feature("custom_field", (f) => {
  f.needs("Register custom field", NEEDS);
  f.needs("Copy custom field on rewrite", NEEDS);
});
