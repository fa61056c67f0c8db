/**
 * Superdesk's `@ldapauth` scenarios over a real LDAP server (the test directory of
 * `tests/auth/ldap/`): the scenario app's `LDAP_*` settings point at a directory started on a
 * port chosen when the scenario is declared, holding `test_user` with its password, so the
 * scenario signs in through the directory as Superdesk's `setup_ad_user` does with a mock.
 */
import { startDirectory } from "../auth/ldap/_directory_server.ts";
import { ldapEnv } from "../auth/ldap/_ldap_app.ts";
import { closedPort } from "../_ports.ts";
import type { Scenario } from "./scenario.ts";
import { TEST_USER } from "./scenario.ts";

/** Settings and steps of an `@ldapauth @auth` scenario. */
export function ldapAuth() {
  const port = closedPort();
  return {
    env: ldapEnv(port),
    /** Runs `fn` signed in as `test_user` through the directory. */
    async signedIn(s: Scenario, fn: () => Promise<void>) {
      const directory = await startDirectory([{
        uid: TEST_USER.username,
        password: TEST_USER.password,
        attributes: { mail: TEST_USER.email },
      }], { port });
      try {
        await s.login();
        s.resetNotifications();
        await fn();
      } finally {
        await directory.close();
      }
    },
  };
}
