/**
 * `superdesk users:create`: creates an active user (an administrator with `--admin`) through
 * the users service, as Superdesk's `users:create`.
 */
import type { AppCommand } from "../app_api.ts";
import { HttpError } from "../errors.ts";
import { printLine } from "../log.ts";
import { createUser } from "./create_user.ts";

/** The command; the auth app declares it. */
export const usersCreateCommand: AppCommand = {
  name: "users:create",
  summary: "Create an active user (an administrator with --admin).",
  usage: "--username NAME --password PASS --email EMAIL [--admin] [--first-name X] [--last-name Y]",
  flags: {
    username: true,
    password: true,
    email: true,
    admin: false,
    "first-name": true,
    "last-name": true,
  },
  help: [
    "  --username NAME    login name (unique)",
    "  --password PASS    initial password (at least 8 characters)",
    "  --email EMAIL      e-mail address (unique)",
    "  --admin            make the user an administrator",
  ],
  async run({ flags }, ctx) {
    for (const name of ["username", "password", "email"]) {
      if (typeof flags[name] !== "string") {
        printLine(`users:create: --${name} is required`, { stream: "stderr" });
        return 2;
      }
    }
    const services = await ctx.services();
    try {
      const user = await createUser(services.registry, {
        username: flags.username as string,
        password: flags.password as string,
        email: flags.email as string,
        admin: flags.admin === true,
        firstName: typeof flags["first-name"] === "string" ? flags["first-name"] : undefined,
        lastName: typeof flags["last-name"] === "string" ? flags["last-name"] : undefined,
      });
      printLine(`created user ${user.username} (${user._id})`);
      return 0;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const detail = error.issues ? ` ${JSON.stringify(error.issues)}` : "";
      printLine(`users:create: ${error.message}${detail}`, { stream: "stderr" });
      return 1;
    }
  },
};
