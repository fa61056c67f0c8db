/**
 * Command-line parsing for the binary: either a subcommand (`users:create ...`) with its own
 * flags, or the server flags (`--role`, `--workers`, `--port`, `--ws-port`). Unknown names fail
 * with a one-line `UsageError` that names the offender and lists the valid choices.
 */
import type { FlagSpec, ParsedFlags } from "../apps/app_command.ts";
import { type Role, ROLES } from "../config/config.ts";
import { UsageError } from "../errors.ts";

export type { FlagSpec, ParsedFlags };

/** Splits `args` by `spec`; an unknown flag or a missing value throws UsageError. */
export function parseFlags(
  args: readonly string[],
  spec: FlagSpec,
  { command = "superdesk" } = {},
) {
  const parsed: ParsedFlags = { flags: {}, positional: [] };
  const valid = () => Object.keys(spec).map((name) => `--${name}`).join(", ");
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "-h") {
      parsed.flags.help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf("=");
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    if (!(name in spec)) {
      throw new UsageError(`${command}: unknown flag --${name}; valid flags: ${valid()}`);
    }
    if (!spec[name]) {
      if (eq !== -1) throw new UsageError(`${command}: flag --${name} takes no value`);
      parsed.flags[name] = true;
      continue;
    }
    const value = eq === -1 ? args[++i] : arg.slice(eq + 1);
    if (value === undefined || value === "") {
      throw new UsageError(`${command}: flag --${name} needs a value`);
    }
    parsed.flags[name] = value;
  }
  return parsed;
}

/** Parses `api,ws` or `all` into roles; an unknown role throws naming it. */
export function parseRoles(value: string): Role[] {
  const roles = new Set<Role>();
  for (const name of value.split(",").map((part) => part.trim())) {
    if (name === "all") ROLES.forEach((role) => roles.add(role));
    else if ((ROLES as readonly string[]).includes(name)) roles.add(name as Role);
    else {
      throw new UsageError(
        `unknown role "${name}"; valid roles: ${
          [...ROLES, "all"].join(", ")
        } (comma lists allowed)`,
      );
    }
  }
  return [...roles];
}

/** Parses a non-negative integer flag value, naming the flag on error. */
export function parseIntFlag(name: string, value: string, { min = 0, max = 65535 } = {}): number {
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError(`flag --${name} expects an integer from ${min} to ${max}, got "${value}"`);
  }
  return Number(value);
}
