/**
 * Where a URL's host leads and whether the server may go there on someone else's behalf (a URL
 * a user or a feed's content names): the host's addresses (an IP literal as written,
 * `localhost` as loopback, else the system's A and AAAA answers), each checked against
 * `address_policy.ts`. Shared by uploads from a `URL` and the links ingest follows.
 */
import { type Network, parseAddress, refusedAddress } from "./address_policy.ts";

/** Looks a host name up: its addresses, empty when it has none. */
export type Resolve = (host: string, signal: AbortSignal) => Promise<string[]>;

/** The host's IPv4 and IPv6 addresses from the system's resolver. */
export async function resolveHost(host: string, signal: AbortSignal): Promise<string[]> {
  const lookups = await Promise.allSettled(
    (["A", "AAAA"] as const).map((type) => Deno.resolveDns(host, type, { signal })),
  );
  return lookups.flatMap((lookup) => lookup.status === "fulfilled" ? lookup.value : []);
}

/** What checking a host found: its addresses, or why it may not be reached. */
export type HostCheck =
  | { addresses: string[]; refused?: undefined }
  | { refused: string; addresses?: undefined };

/**
 * The addresses `url`'s host has, every one of them public or inside `allowed`; else the reason
 * (unresolvable, or the class of the first address refused). A lookup aborted by `signal` throws.
 */
export async function checkHost(
  url: URL,
  allowed: readonly Network[],
  { resolve = resolveHost, signal }: { resolve?: Resolve; signal: AbortSignal },
): Promise<HostCheck> {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1").replace(/\.$/, "").toLowerCase();
  let addresses: string[];
  if (parseAddress(host)) addresses = [host];
  else if (host === "localhost" || host.endsWith(".localhost")) addresses = ["127.0.0.1", "::1"];
  else {
    try {
      addresses = await resolve(host, signal);
    } catch (error) {
      if (signal.aborted) throw error;
      addresses = [];
    }
  }
  if (addresses.length === 0) return { refused: `its host ${host} could not be resolved` };
  for (const address of addresses) {
    const why = refusedAddress(address, allowed);
    if (why) return { refused: `its host ${host} has a ${why} address` };
  }
  return { addresses };
}
