/**
 * Superdesk's `@ldapauth` scenarios over a real LDAP server (the test directory of
 * `tests/auth/ldap/`): the scenario app's `LDAP_*` settings point at a directory started before
 * the app on a port it chose, holding `test_user` with its password, so the scenario signs in
 * through the directory as Superdesk's `setup_ad_user` does with a mock.
 */
import { startDirectory } from "../auth/ldap/_directory_server.ts";
import { ldapEnv } from "../auth/ldap/_ldap_app.ts";
import type { ScenarioServer } from "./feature.ts";
import type { Scenario } from "./scenario.ts";
import { TEST_USER } from "./scenario.ts";

/** The directory of an `@ldapauth` scenario (its `server` option). */
export const ldapDirectory: ScenarioServer = async () => {
  const directory = await startDirectory([{
    uid: TEST_USER.username,
    password: TEST_USER.password,
    attributes: { mail: TEST_USER.email },
  }]);
  return { env: ldapEnv(directory.port), close: () => directory.close() };
};

/** Runs `fn` signed in as `test_user` through the scenario's directory. */
export async function ldapSignedIn(s: Scenario, fn: () => Promise<void>): Promise<void> {
  await s.login();
  s.resetNotifications();
  await fn();
}
