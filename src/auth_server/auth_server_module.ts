/**
 * The authorization server (Superdesk's `superdesk.auth_server`): clients registered with the
 * `auth_server:*` commands obtain signed, expiring access tokens at `POST
 * /api/auth_server/token` (OAuth 2.0 client credentials) for resource servers that share
 * `AUTH_SERVER_SHARED_SECRET`. Without that secret the endpoint is not served (Superdesk keeps
 * a route that cannot issue).
 */
import { type AppContext, defineApp } from "../app_api.ts";
import { configuredLoginGuard, rateLimitCountersResource } from "../auth/rate_limit_counters.ts";
import { AccessTokenSigner } from "./access_token.ts";
import { authServerClientsResource, AuthServerClientsService } from "./auth_server_clients.ts";
import { authServerCommands } from "./auth_server_commands.ts";
import { authServerSettings } from "./auth_server_settings.ts";
import { TokenGrant } from "./token_grant.ts";

/** Counters of failed client authentications (`login_rate_limiter.ts`); not routed. */
const authServerRateLimitsResource = rateLimitCountersResource("auth_server_rate_limits");

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const authServerApp = defineApp({
  name: "auth_server",
  commands: authServerCommands,
  register(app: AppContext) {
    const { services } = app;
    const settings = authServerSettings(app.setting);
    const clients = new AuthServerClientsService(services);
    app.resource(authServerClientsResource, clients);
    app.resource(authServerRateLimitsResource);
    const secret = settings.sharedSecret;
    if (secret === undefined) {
      // The default: most newsrooms have no third-party clients (Superdesk warns instead).
      services.log.info("authorization server off: AUTH_SERVER_SHARED_SECRET is not set");
      return;
    }
    const { config } = services;
    const counters = services.documents.collection(authServerRateLimitsResource.datasource.source);
    const guard = configuredLoginGuard(counters, config);
    app.routes(async () => {
      const [{ tokenRoute }, { AUTH_SERVER_PATHS }] = await Promise.all([
        import("./token_route.ts"),
        import("./auth_server_openapi.ts"),
      ]);
      const signer = new AccessTokenSigner(secret);
      const grant = new TokenGrant(clients, signer, guard, settings.expiresInSeconds);
      return { router: tokenRoute(grant), paths: AUTH_SERVER_PATHS };
    });
  },
});
