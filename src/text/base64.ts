/** Base64 of bytes (RFC 4648, padded): `btoa` takes a binary string, built here byte by byte. */
export function encodeBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}
