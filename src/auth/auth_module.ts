/**
 * The authentication and permission module: registers `users`, `roles` and `sessions` (plus the
 * internal login-attempt counters), contributes the login and logout routes, and provides the
 * authenticator that turns a session token into an actor with its effective privileges.
 */
import { Type } from "@sinclair/typebox";
import type { Authenticator } from "../http/middleware/authenticate.ts";
import type { AppModule, ModuleContext } from "../modules/app_module.ts";
import { defineResource } from "../resources/resource_definition.ts";
import { ResourceService } from "../resources/resource_service.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { AUTH_PATHS } from "./auth_openapi.ts";
import { authRoutes } from "./auth_routes.ts";
import { createLoginRateLimiter } from "./login_rate_limiter.ts";
import { createLoginGuard } from "./login_guard.ts";
import { purgeSessionsSchedule, purgeSessionsTask } from "./purge_sessions_task.ts";
import { rolesResource } from "./roles_resource.ts";
import { RolesService } from "./roles_service.ts";
import { sessionsResource } from "./sessions_resource.ts";
import { SessionsService } from "./sessions_service.ts";
import { usersResource } from "./users_resource.ts";
import { UsersService } from "./users_service.ts";

/** Login-attempt counters (see `login_rate_limiter.ts`); not routed. */
const loginAttemptsResource = defineResource({
  name: "auth_rate_limits",
  schema: Type.Object({
    window: Type.Optional(Type.Integer()),
    count: Type.Optional(Type.Integer()),
    expires: Type.Integer(),
  }),
  internal: true,
  indexes: [{ name: "expires", keys: { expires: 1 } }],
});

/** The module, plus the authenticator the HTTP and WebSocket layers use. */
export type AuthModule = AppModule & { authenticator(services: ServiceContext): Authenticator };

/** Creates the auth module. */
export function createAuthModule(): AuthModule {
  return {
    name: "auth",
    register({ registry, services, addRoutes, addTasks, addSchedules }: ModuleContext) {
      const sessions = new SessionsService(sessionsResource, services);
      registry.register(usersResource, new UsersService(usersResource, services));
      registry.register(rolesResource, new RolesService(rolesResource, services));
      registry.register(sessionsResource, sessions);
      registry.register(
        loginAttemptsResource,
        new ResourceService(loginAttemptsResource, services),
      );
      const counters = services.documents.collection(loginAttemptsResource.datasource.source);
      const { config } = services;
      const limiter = createLoginRateLimiter(counters, { limit: config.loginRateLimitPerMinute });
      const guard = createLoginGuard(limiter, counters, {
        perAddressAndUser: config.loginRateLimitPerMinute,
        perAddress: config.loginAddressLimitPerMinute,
        perUserFromUnknownAddresses: config.loginUserLimitPerHour,
      });
      addRoutes(authRoutes({ sessions, guard }), AUTH_PATHS);
      addTasks(purgeSessionsTask);
      addSchedules(purgeSessionsSchedule);
    },
    authenticator(services: ServiceContext): Authenticator {
      return (token) => services.registry.service<SessionsService>("sessions").authenticate(token);
    },
  };
}
