/**
 * The concept items app (Superdesk's `apps/concept_items`): the `concept_items` resource, the
 * knowledge base behind the editor's annotations, and the privilege that manages it.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { CONCEPT_ITEMS_PRIVILEGE, conceptItemsResource } from "./concept_items_resource.ts";
import { ConceptItemsService } from "./concept_items_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const conceptItemsApp = defineApp({
  name: "concept_items",
  register(app: AppContext) {
    app.privileges({
      name: CONCEPT_ITEMS_PRIVILEGE,
      label: "Knowledge base management",
      description: "User can manage annotations library.",
    });
    app.resource(
      conceptItemsResource,
      new ConceptItemsService(conceptItemsResource, app.services),
    );
  },
});
