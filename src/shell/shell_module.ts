/**
 * The web client's shell (Superdesk's `apps/client_config.py`, `apps/workspace`,
 * `apps/system_message`, `apps/languages`, `superdesk/backend_meta`, `apps/dictionaries`,
 * `apps/search_providers`, the locators' cities and `superdesk/server_config.py`): the
 * resources the client loads around its views, with their privileges, the preferences they
 * own, and their seeds.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { allowedValuesResource, AllowedValuesService } from "./allowed_values.ts";
import { backendMetaResource, BackendMetaService } from "./backend_meta.ts";
import { CITIES_PRIVILEGE, citiesResource } from "./cities.ts";
import { clientConfigResource, ClientConfigService } from "./client_config.ts";
import { DICTIONARIES_PRIVILEGE, dictionariesResource } from "./dictionaries_resource.ts";
import { DictionariesService } from "./dictionaries_service.ts";
import { languagesResource, LanguagesService } from "./languages.ts";
import {
  SEARCH_PROVIDERS_PRIVILEGE,
  searchProvidersAllowedResource,
  SearchProvidersAllowedService,
  searchProvidersResource,
  SearchProvidersService,
} from "./search_providers.ts";
import { serverConfigResource, ServerConfigService } from "./server_config.ts";
import {
  SYSTEM_MESSAGES_PRIVILEGE,
  systemMessagesResource,
  SystemMessagesService,
} from "./system_messages.ts";
import { workspacesResource } from "./workspaces_resource.ts";
import { WorkspacesService } from "./workspaces_service.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const shellApp = defineApp({
  name: "shell",
  register(app: AppContext) {
    const { services, registries } = app;
    app.privileges(
      { name: "dashboard", label: "Dashboard", description: "Can access dashboard." },
      {
        name: SYSTEM_MESSAGES_PRIVILEGE,
        label: "System Message",
        description: "User can manage system messages.",
      },
      {
        name: DICTIONARIES_PRIVILEGE,
        label: "Dictionaries",
        description: "User can manage dictionaries.",
      },
      {
        name: SEARCH_PROVIDERS_PRIVILEGE,
        label: "Manage Search Providers",
        description: "User can manage search providers.",
      },
      {
        name: CITIES_PRIVILEGE,
        label: "Cities",
        description: "User can manage the cities datelines name.",
      },
    );
    app.userPreference("workspace:active", { type: "string", workspace: "" });
    app.resource(
      clientConfigResource,
      new ClientConfigService(services, () => registries.clientConfig.values()),
    );
    app.resource(
      backendMetaResource,
      new BackendMetaService(services, () => registries.apps.map(({ name }) => name)),
    );
    app.resource(serverConfigResource, new ServerConfigService(serverConfigResource, services));
    app.resource(workspacesResource, new WorkspacesService(workspacesResource, services));
    app.resource(
      systemMessagesResource,
      new SystemMessagesService(systemMessagesResource, services),
    );
    app.resource(languagesResource, new LanguagesService(languagesResource, services));
    const dictionaries = app.resource(
      dictionariesResource,
      new DictionariesService(dictionariesResource, services),
    );
    app.routes(async () => {
      const { dictionaryUploadRoutes } = await import("./dictionary_upload.ts");
      return { router: dictionaryUploadRoutes(dictionaries) };
    });
    const cities = app.resource(citiesResource);
    app.routes(async () => {
      const [{ locatorRoutes }, { LOCATOR_PATHS }] = await Promise.all([
        import("./locator_routes.ts"),
        import("./locator_openapi.ts"),
      ]);
      return { router: locatorRoutes(cities, services.config), paths: LOCATOR_PATHS };
    });
    app.routes(async () => {
      const [{ localesRoutes }, { LOCALES_PATHS }] = await Promise.all([
        import("./locales_routes.ts"),
        import("./locales_openapi.ts"),
      ]);
      return { router: localesRoutes(services), paths: LOCALES_PATHS };
    });
    const types = () => registries.searchProviders.list();
    app.resource(searchProvidersResource, new SearchProvidersService(services, types));
    app.resource(
      searchProvidersAllowedResource,
      new SearchProvidersAllowedService(services, types),
    );
    app.routes(async () => {
      const [{ searchProvidersProxyRoutes }, { SEARCH_PROVIDERS_PROXY_PATHS }] = await Promise.all([
        import("./search_providers_proxy.ts"),
        import("./search_providers_proxy_openapi.ts"),
      ]);
      return {
        router: searchProvidersProxyRoutes(services, { types, limits: services.config }),
        paths: SEARCH_PROVIDERS_PROXY_PATHS,
      };
    });
    app.link("search_providers_proxy", "search_providers_proxy");
    app.resource(allowedValuesResource, new AllowedValuesService(services));
  },
});
