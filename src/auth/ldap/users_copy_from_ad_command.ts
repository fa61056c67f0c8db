/**
 * `superdesk users:copyfromad` (Superdesk's `ImportUserProfileFromADCommand`): binds to the LDAP
 * directory as `--ad-username` and creates, or refreshes, the account of `--username-to-import`
 * from its directory entry; `--admin` makes a new account an administrator. This is how the first
 * administrator comes to be while sign-in goes to the directory. The password is read from
 * standard input when `--ad-password` is not given, so it need not be on the command line.
 */
import type { AppCommand } from "../../app_api.ts";
import { HttpError } from "../../errors.ts";
import { printLine } from "../../log.ts";
import { SYSTEM_ACTOR } from "../../resources/actor.ts";
import { LdapAccounts } from "./ldap_accounts.ts";
import { LdapDirectory } from "./ldap_directory.ts";

/** The command; the auth app declares it. */
export const usersCopyFromAdCommand: AppCommand = {
  name: "users:copyfromad",
  summary: "Create or refresh a user from the LDAP directory (needs LDAP_SERVER).",
  usage: "--ad-username NAME [--ad-password PASS] --username-to-import NAME [--admin]",
  flags: { "ad-username": true, "ad-password": true, "username-to-import": true, admin: false },
  help: [
    "  --ad-username NAME         the directory account to bind with",
    "  --ad-password PASS         its password (default: the first line of standard input)",
    "  --username-to-import NAME  the directory user whose account is created or refreshed",
    "  --admin                    make a new account an administrator",
  ],
  async run({ flags }, ctx) {
    const fail = (message: string, code: number) => {
      printLine(`users:copyfromad: ${message}`, { stream: "stderr" });
      return code;
    };
    const settings = ctx.config.ldap;
    if (!settings) return fail("LDAP_SERVER is not set", 2);
    const username = flags["ad-username"], profile = flags["username-to-import"];
    if (typeof username !== "string") return fail("--ad-username is required", 2);
    if (typeof profile !== "string") return fail("--username-to-import is required", 2);
    const password = typeof flags["ad-password"] === "string"
      ? flags["ad-password"]
      : await firstLineOfStdin();
    const services = await ctx.services();
    const accounts = new LdapAccounts(new LdapDirectory(settings, ctx.log), {
      settings,
      users: () => services.registry.service("users"),
    });
    try {
      const found = await accounts.authenticate({ username, password, profile });
      let user = found.user;
      if (found.isNew) {
        user.user_type = flags.admin === true ? "administrator" : "user";
        user = (await services.registry.service("users").create([user], SYSTEM_ACTOR))[0]!;
      }
      printLine(`${found.isNew ? "created" : "updated"} user ${user.username} (${user._id})`);
      return 0;
    } catch (error) {
      if (!(error instanceof HttpError)) throw error;
      const detail = error.issues ? ` ${JSON.stringify(error.issues)}` : "";
      return fail(`${error.message}${detail}`, 1);
    }
  },
};

async function firstLineOfStdin(): Promise<string> {
  const text = await new Response(Deno.stdin.readable).text();
  return text.split(/\r?\n/)[0] ?? "";
}
