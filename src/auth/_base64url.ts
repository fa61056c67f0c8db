/** Base64url without padding (RFC 4648 §5), for tokens and generated passwords. */

import { encodeBase64 } from "../text/base64.ts";

/** Encodes `bytes` as unpadded base64url. */
export function encodeBase64Url(bytes: Uint8Array): string {
  return encodeBase64(bytes).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}
