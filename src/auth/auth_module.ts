/**
 * The authentication and permission module: registers `users`, `roles` and `sessions` (plus the
 * internal login-attempt counters and password-reset tokens), `privileges` (the registry every
 * app fills), the login, logout and password routes, the session purge, the `users:create`
 * command, its privileges and the login-page keys of `client_config`; and provides the
 * authenticator that turns a session token into an actor with its effective privileges.
 */
import { type AppContext, defineApp } from "../app_api.ts";
import type { Authenticator } from "../http/middleware/authenticate.ts";
import { configuredLoginGuard, rateLimitCountersResource } from "./rate_limit_counters.ts";
import { keyedLoginGuard } from "./login_guard.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import { createAccountMail } from "./account_mail.ts";
import { ITEM_URL } from "../http/eve_url.ts";
import { ROLES_PRIVILEGE, USERS_PRIVILEGE } from "./privileges.ts";
import { privilegesResource, PrivilegesService } from "./privileges_resource.ts";
import { PasswordReset, resetTokensResource } from "./password_reset.ts";
import { purgeSessionsSchedule, purgeSessionsTask } from "./purge_sessions_task.ts";
import { rolesResource } from "./roles_resource.ts";
import { RolesService } from "./roles_service.ts";
import { sessionsResource } from "./sessions_resource.ts";
import { SessionsService } from "./sessions_service.ts";
import { usersCreateCommand } from "./users_create_command.ts";
import { usersResource } from "./users_resource.ts";
import { UsersService } from "./users_service.ts";
import { LdapAccounts } from "./ldap/ldap_accounts.ts";
import { LdapDirectory } from "./ldap/ldap_directory.ts";
import { ldapUsersService } from "./ldap/ldap_users_service.ts";
import { usersCopyFromAdCommand } from "./ldap/users_copy_from_ad_command.ts";

/** Login-attempt counters (see `login_rate_limiter.ts`); not routed. */
const loginAttemptsResource = rateLimitCountersResource("auth_rate_limits");

/** The auth app; one of the core modules (`src/modules/core_apps.ts`). */
export const authApp = defineApp({
  name: "auth",
  commands: [usersCreateCommand, usersCopyFromAdCommand],
  register(app: AppContext) {
    const { services } = app;
    app.privileges(
      { name: USERS_PRIVILEGE, label: "User Management", description: "User can manage users." },
      { name: ROLES_PRIVILEGE, label: "Roles Management", description: "User can manage roles." },
    );
    const ldap = directorySignIn(services);
    const sessions = new SessionsService(sessionsResource, services, {
      checkCredentials: ldap && ((credentials) => ldap.accounts.signIn(credentials)),
    });
    const mail = createAccountMail(services.config, services.log);
    const reset = new PasswordReset(services, mail);
    const users = new (ldap?.Users ?? UsersService)(usersResource, services, { mail, reset });
    app.resource(usersResource, users);
    app.resource(rolesResource, new RolesService(rolesResource, services));
    app.resource(sessionsResource, sessions);
    app.resource(loginAttemptsResource);
    app.resource(resetTokensResource);
    app.resource(
      privilegesResource,
      new PrivilegesService(privilegesResource, services, app.registries.privileges),
    );
    const counters = services.documents.collection(loginAttemptsResource.datasource.source);
    const { config } = services;
    const guard = ldap
      ? keyedLoginGuard(
        configuredLoginGuard(counters, config),
        (username) => ldap.directory.accountKey(username),
      )
      : configuredLoginGuard(counters, config);
    app.routes(async () => {
      const [{ authRoutes }, { AUTH_PATHS, PASSWORD_PATHS }] = await Promise.all([
        import("./auth_routes.ts"),
        import("./auth_openapi.ts"),
      ]);
      const localPasswords = !ldap;
      const router = authRoutes({ sessions, users, guard, reset, localPasswords });
      return { router, paths: localPasswords ? { ...AUTH_PATHS, ...PASSWORD_PATHS } : AUTH_PATHS };
    });
    if (ldap) {
      const { accounts } = ldap;
      app.routes(async () => {
        const { importProfileRoutes, IMPORT_PROFILE_PATHS } = await import(
          "./ldap/import_profile_routes.ts"
        );
        return {
          router: importProfileRoutes({ accounts, users, guard }),
          paths: IMPORT_PROFILE_PATHS,
        };
      });
      app.link("import_profile", "import_profile");
    }
    app.link("auth_db", "auth_db");
    app.link("auth", "auth");
    app.link(`users/<${ITEM_URL}:user>/sessions`, "clear_sessions");
    if (!ldap) app.link("change_user_password", "change_user_password");
    app.tasks(purgeSessionsTask);
    app.schedules(purgeSessionsSchedule);
    // Only database logins exist: the client hides Google, SAML, XMPP and OIDC sign-in.
    app.clientConfig({
      user: { username_pattern: config.usernamePattern ?? null },
      google_auth: false,
      saml_auth: false,
      xmpp_auth: false,
      oidc_auth: false,
    });
  },
});

/**
 * Directory sign-in when `LDAP_SERVER` is set: the accounts of directory users and the `users`
 * service with the directory's rules; undefined otherwise (passwords are ours).
 */
function directorySignIn(services: ServiceContext) {
  const settings = services.config.ldap;
  if (!settings) return undefined;
  const directory = new LdapDirectory(settings, services.log);
  const accounts = new LdapAccounts(directory, {
    settings,
    users: () => services.registry.service("users"),
  });
  return { accounts, directory, Users: ldapUsersService(UsersService, settings) };
}

/** The authenticator the HTTP and WebSocket layers use, over the registered sessions service. */
export function authenticatorFor(services: ServiceContext): Authenticator {
  return (token) => services.registry.service<SessionsService>("sessions").authenticate(token);
}
