/**
 * Superdesk's `X_HEADERS`: the request headers browsers on the `X_DOMAINS` origins
 * (`allowed_origins.ts`) may send cross-origin. Parsed once at start.
 */
import { ConfigError } from "../errors.ts";

/** `X_HEADERS`: a comma list of header names. */
export function parseHeaderNames(value: string, variable: string): readonly string[] {
  const names = value.split(",").map((name) => name.trim()).filter(Boolean);
  const bad = names.find((name) => !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(name));
  if (bad !== undefined || names.length === 0) {
    throw new ConfigError(variable, `expected a comma list of header names, got "${value}"`);
  }
  return Object.freeze(names);
}
