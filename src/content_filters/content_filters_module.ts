/**
 * The content filters module: `filter_conditions` and `content_filters`, used by routing
 * schemes (and by publishing once it lands: it should register through this module rather
 * than twice).
 */
import type { AppModule } from "../modules/app_module.ts";
import {
  contentFiltersResource,
  ContentFiltersService,
  filterConditionsResource,
  FilterConditionsService,
} from "./content_filters_resources.ts";

/** Creates the module. */
export function createContentFiltersModule(): AppModule {
  return {
    name: "content_filters",
    register({ registry, services }) {
      registry.register(
        filterConditionsResource,
        new FilterConditionsService(filterConditionsResource, services),
      );
      registry.register(
        contentFiltersResource,
        new ContentFiltersService(contentFiltersResource, services),
      );
    },
  };
}
