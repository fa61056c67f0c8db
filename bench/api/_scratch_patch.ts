// scratch: replace crypto.subtle.digest with node:crypto's synchronous hash (experiment only)
import { createHash } from "node:crypto";
const original = crypto.subtle.digest.bind(crypto.subtle);
// deno-lint-ignore no-explicit-any
(crypto.subtle as any).digest = (algorithm: string, data: Uint8Array) => {
  const name = algorithm === "SHA-256" ? "sha256" : algorithm === "SHA-1" ? "sha1" : undefined;
  if (!name) return original(algorithm, data);
  const out = createHash(name).update(data).digest();
  return Promise.resolve(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
};
