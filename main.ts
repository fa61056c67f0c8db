/**
 * The superdesk binary: serves the api, ws and worker roles, or runs an admin command.
 * See README.md, and `superdesk --help`.
 */
import { main } from "./src/cli/main.ts";

Deno.exit(await main(Deno.args));
