/**
 * The contacts app (Superdesk's `apps/contacts`): the `contacts` resource, its privileges and
 * the organisation search under `contacts/organisations`.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import {
  CONTACTS_PRIVILEGE,
  contactsResource,
  VIEW_CONTACTS_PRIVILEGE,
} from "./contacts_resource.ts";
import { ContactsService } from "./contacts_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const contactsApp = defineApp({
  name: "contacts",
  register(app: AppContext) {
    app.privileges(
      { name: CONTACTS_PRIVILEGE, label: "Contacts Management", description: "Manage Contacts" },
      {
        name: VIEW_CONTACTS_PRIVILEGE,
        label: "Contacts View Rights",
        description: "View Contacts",
      },
    );
    const contacts = app.resource(
      contactsResource,
      new ContactsService(contactsResource, app.services),
    );
    const limits = app.services.config;
    app.routes(async () => {
      const [{ organisationsRoutes }, { ORGANISATIONS_PATHS }] = await Promise.all([
        import("./organisations_routes.ts"),
        import("./organisations_openapi.ts"),
      ]);
      return { router: organisationsRoutes(contacts, limits), paths: ORGANISATIONS_PATHS };
    });
    app.link("contacts/organisations", "contacts_organisations");
  },
});
