/**
 * The content API (Superdesk's `content_api.publish`, `content_api.items`,
 * `content_api.items_versions`, `content_api.search`, `content_api.tokens` and the separate
 * `content_api` app): the store publishing delivers to (`items`, searched in the search index,
 * and `items_versions`), the newsroom's search of it (`search_capi`), the subscribers' tokens, and the
 * token-authenticated consumer endpoint under `/api/contentapi` (its public URL, the start of
 * items' `uri`, is `CONTENTAPI_URL`). Load it after the publishing
 * module (tokens name subscribers; publishing finds the store by name).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import {
  itemsResource,
  itemsVersionsResource,
  SEARCH_CAPI_PRIVILEGE,
  searchCapiResource,
} from "./items_resource.ts";
import { ItemsService } from "./items_service.ts";
import { SearchCapiService } from "./search_capi_service.ts";
import { contentApiUrl } from "./content_api_url.ts";
import { subscriberTokenResource } from "./subscriber_token_resource.ts";
import { SubscriberTokenService } from "./subscriber_token_service.ts";

/** The content API app. */
export const contentApiApp = defineApp({
  name: "content_api",
  register(app: AppContext) {
    const { services, config } = app;
    const url = contentApiUrl(app.setting("CONTENTAPI_URL"), config.port);
    app.resource(itemsResource, new ItemsService(itemsResource, services, url));
    app.resource(itemsVersionsResource);
    app.privileges({
      name: SEARCH_CAPI_PRIVILEGE,
      label: "Content API Search",
      description: "Content API Search",
    });
    app.resource(searchCapiResource, new SearchCapiService(searchCapiResource, services));
    app.resource(
      subscriberTokenResource,
      new SubscriberTokenService(subscriberTokenResource, services),
    );
    app.routes(async () => {
      const [{ consumerRoutes }, { CONTENT_API_PATHS }] = await Promise.all([
        import("./consumer_routes.ts"),
        import("./content_api_openapi.ts"),
      ]);
      return { router: consumerRoutes(services.registry, config), paths: CONTENT_API_PATHS };
    });
  },
});
