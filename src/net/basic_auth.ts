/** HTTP Basic authentication (RFC 7617): the credentials as UTF-8, base64-encoded. */
import { encodeBase64 } from "../text/base64.ts";

/** The `Authorization` value `Basic <base64(user:password)>`. */
export function basicAuthorization(user: string, password: string): string {
  return `Basic ${encodeBase64(new TextEncoder().encode(`${user}:${password}`))}`;
}
