/**
 * Set-up of the LDAP sign-in suites: a test directory (`_directory_server.ts`) and an app whose
 * `LDAP_*` settings point at it (bind DN template, people branch, `uid` filter), logging every
 * record at debug level into `lines`.
 */
import { createLogger } from "../../../src/log.ts";
import { createTestApp, type TestApp } from "../../_app.ts";
import { type DirectoryServer, PEOPLE, type Person, startDirectory } from "./_directory_server.ts";

/** Directory people of the suites. */
export const JANE: Person = {
  uid: "jane",
  password: "directory-secret-1",
  attributes: { mail: "Jane@Example.org", givenName: "Jane", sn: "Doe", displayName: "Jane Doe" },
};
export const ADMIN: Person = {
  uid: "chief",
  password: "directory-secret-2",
  attributes: { mail: "chief@example.org", givenName: "Chief", sn: "Editor" },
};

/** The settings for a directory on `port`. */
export function ldapEnv(port: number): Record<string, string> {
  return {
    LDAP_SERVER: "ldap://127.0.0.1",
    LDAP_SERVER_PORT: String(port),
    LDAP_BIND_DN: `uid={},${PEOPLE}`,
    LDAP_BASE_FILTER: PEOPLE,
    LDAP_USER_FILTER: "(&(objectClass=inetOrgPerson)(uid={1}))",
    LDAP_USER_ATTRIBUTES: JSON.stringify({
      givenName: "first_name",
      sn: "last_name",
      displayName: "display_name",
      mail: "email",
    }),
  };
}

/** What a suite gets: the app, the directory and the log lines. */
export interface LdapSetup {
  t: TestApp;
  directory: DirectoryServer;
  lines: string[];
}

/** Runs `fn` with a directory of `people` and an app signing in against it. */
export async function withLdapApp(
  fn: (setup: LdapSetup) => Promise<void>,
  { people = [JANE, ADMIN], env = {} }: { people?: Person[]; env?: Record<string, string> } = {},
): Promise<void> {
  const directory = await startDirectory(people);
  const lines: string[] = [];
  const log = createLogger({ level: "debug", sink: (line) => lines.push(line) });
  try {
    const t = await createTestApp({
      env: {
        LOGIN_RATE_LIMIT_PER_MINUTE: "1000",
        LOGIN_ADDRESS_LIMIT_PER_MINUTE: "1000",
        LOGIN_USER_LIMIT_PER_HOUR: "1000",
        ...ldapEnv(directory.port),
        ...env,
      },
      log,
    });
    try {
      await fn({ t, directory, lines });
    } finally {
      await t.close();
    }
  } finally {
    await directory.close();
  }
}
