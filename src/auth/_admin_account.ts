/**
 * Creates the `admin` administrator for first start and `app:initialize_data`: with the given
 * password, or a generated one printed once to the operator's terminal (never to the log).
 */
import { ValidationError } from "../errors.ts";
import { type Logger, printLine } from "../log.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { encodeBase64Url } from "../text/base64.ts";
import { createUser } from "./create_user.ts";

export interface AdminAccountOptions {
  /** SUPERDESK_ADMIN_PASSWORD; generated when absent. */
  adminPassword?: string;
  log: Logger;
  /** Where a generated password is shown; the terminal by default. */
  print?: (line: string) => void;
}

/** The username of the first administrator. */
export const FIRST_ADMIN_USERNAME = "admin";

/**
 * Creates `admin`; false when it exists already (another process may have won the race, or an
 * account of that name exists), true when this call created it.
 */
export async function createAdminAccount(
  registry: ResourceRegistry,
  { adminPassword, log, print = printLine }: AdminAccountOptions,
): Promise<boolean> {
  const password = adminPassword ?? encodeBase64Url(crypto.getRandomValues(new Uint8Array(18)));
  try {
    await createUser(registry, {
      username: FIRST_ADMIN_USERNAME,
      password,
      email: "admin@localhost",
      admin: true,
    });
  } catch (error) {
    if (error instanceof ValidationError && error.issues?.username) {
      log.warn("an account named admin exists already; no administrator was created");
      return false;
    }
    throw error;
  }
  log.info("created the administrator account", { username: FIRST_ADMIN_USERNAME });
  if (adminPassword === undefined) {
    print(
      `Created the administrator "${FIRST_ADMIN_USERNAME}" with the password ${password}\n` +
        "It is shown only this once: log in and change it.",
    );
  }
  return true;
}
