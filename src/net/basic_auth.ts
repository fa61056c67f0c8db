/** HTTP Basic authentication (RFC 7617): the credentials as UTF-8, base64-encoded. */

/** The `Authorization` value `Basic <base64(user:password)>`. */
export function basicAuthorization(user: string, password: string): string {
  const bytes = new TextEncoder().encode(`${user}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}
