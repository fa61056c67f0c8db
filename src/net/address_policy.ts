/**
 * Which IP addresses the server may connect to on a client's behalf (a URL a user names): public
 * unicast only. Loopback, private, shared (CGNAT), link-local, multicast, unspecified, reserved
 * and documentation ranges are refused, and so are cloud metadata addresses that are none of
 * those (Azure's 168.63.129.16); an IPv6 form that carries an IPv4 address (mapped, compatible,
 * NAT64, 6to4, Teredo) is refused outright. Networks an operator names (`parseNetworks`) are
 * allowed whatever their class.
 */

/** An address's 4 (IPv4) or 16 (IPv6) bytes and how many leading bits a network fixes. */
export interface Network {
  bytes: Uint8Array;
  prefix: number;
}

/** Refused IPv4 networks, with what they are. */
const REFUSED_V4: ReadonlyArray<[string, string]> = [
  ["0.0.0.0/8", "unspecified"],
  ["10.0.0.0/8", "private"],
  ["100.64.0.0/10", "shared (carrier-grade NAT)"],
  ["127.0.0.0/8", "loopback"],
  ["169.254.0.0/16", "link-local (cloud metadata)"],
  ["172.16.0.0/12", "private"],
  ["192.0.0.0/24", "IETF protocol assignments"],
  ["192.0.2.0/24", "documentation"],
  ["192.88.99.0/24", "6to4 relay"],
  ["192.168.0.0/16", "private"],
  ["198.18.0.0/15", "benchmarking"],
  ["198.51.100.0/24", "documentation"],
  ["203.0.113.0/24", "documentation"],
  ["224.0.0.0/4", "multicast"],
  ["240.0.0.0/4", "reserved"],
  ["168.63.129.16/32", "cloud metadata"],
];

/** Refused IPv6 networks (after the IPv4-carrying forms), with what they are. */
const REFUSED_V6: ReadonlyArray<[string, string]> = [
  ["::/128", "unspecified"],
  ["::1/128", "loopback"],
  ["::/96", "IPv4-compatible"],
  ["::ffff:0:0/96", "IPv4-mapped"],
  ["::ffff:0:0:0/96", "IPv4-translated"],
  ["64:ff9b::/96", "NAT64 (IPv4-embedded)"],
  ["64:ff9b:1::/48", "NAT64 (IPv4-embedded)"],
  ["100::/64", "discard"],
  ["2001::/32", "Teredo (IPv4-embedded)"],
  ["2001:db8::/32", "documentation"],
  ["2002::/16", "6to4 (IPv4-embedded)"],
  ["fc00::/7", "unique local (private, cloud metadata)"],
  ["fe80::/10", "link-local"],
  ["fec0::/10", "site-local"],
  ["ff00::/8", "multicast"],
];

const REFUSED = [...REFUSED_V4, ...REFUSED_V6].map(([text, what]) => ({
  network: parseNetwork(text)!,
  what,
}));

/** IPv6 global unicast: every IPv6 address outside it is reserved or special. */
const GLOBAL_UNICAST_V6 = parseNetwork("2000::/3")!;

/**
 * Why the server may not connect to `address` (e.g. "loopback"), or undefined when it may: a
 * public address, or one inside `allowed`.
 */
export function refusedAddress(
  address: string,
  allowed: readonly Network[] = [],
): string | undefined {
  const bytes = parseAddress(address);
  if (!bytes) return "not an IP address";
  if (allowed.some((network) => contains(network, bytes))) return undefined;
  const listed = REFUSED.find(({ network }) => contains(network, bytes))?.what;
  if (listed || bytes.length === 4 || contains(GLOBAL_UNICAST_V6, bytes)) return listed;
  return "reserved (not global unicast)";
}

/**
 * Networks written as a comma- or space-separated list of addresses or CIDR blocks
 * (`127.0.0.1, 10.0.0.0/8, fd00::/8`); `invalid` names the first entry that is neither.
 */
export function parseNetworks(text: string): Network[] | { invalid: string } {
  const networks: Network[] = [];
  for (const entry of text.split(/[\s,]+/).filter(Boolean)) {
    const network = parseNetwork(entry);
    if (!network) return { invalid: entry };
    networks.push(network);
  }
  return networks;
}

function parseNetwork(text: string): Network | undefined {
  const [address, prefixText, ...rest] = text.split("/");
  const bytes = parseAddress(address!);
  if (!bytes || rest.length > 0) return undefined;
  const bits = bytes.length * 8;
  if (prefixText === undefined) return { bytes, prefix: bits };
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bits) return undefined;
  return { bytes, prefix: Number(prefixText) };
}

/** Whether `bytes` (of the same family) lies in `network`. */
function contains({ bytes: base, prefix }: Network, bytes: Uint8Array): boolean {
  if (base.length !== bytes.length) return false;
  for (let bit = 0; bit < prefix; bit += 8) {
    const mask = prefix - bit >= 8 ? 0xff : (0xff << (8 - (prefix - bit))) & 0xff;
    if (((base[bit / 8]! ^ bytes[bit / 8]!) & mask) !== 0) return false;
  }
  return true;
}

/** The bytes of an IPv4 (dotted quad) or IPv6 address (brackets allowed, no zone), else undefined. */
export function parseAddress(text: string): Uint8Array | undefined {
  const address = text.replace(/^\[(.*)\]$/, "$1");
  return address.includes(":") ? parseV6(address) : parseV4(address);
}

function parseV4(text: string): Uint8Array | undefined {
  const parts = text.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^(0|[1-9]\d{0,2})$/.test(part))) return;
  const bytes = parts.map(Number);
  return bytes.every((byte) => byte <= 255) ? new Uint8Array(bytes) : undefined;
}

function parseV6(text: string): Uint8Array | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string) => half === "" ? [] : half.split(":");
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const words: number[] = [];
  const last = tail.length > 0 ? tail : head;
  // An IPv4 tail (`::ffff:1.2.3.4`) stands for the last two groups.
  if (last.length > 0 && last[last.length - 1]!.includes(".")) {
    const v4 = parseV4(last.pop()!);
    if (!v4) return undefined;
    last.push(((v4[0]! << 8) | v4[1]!).toString(16), ((v4[2]! << 8) | v4[3]!).toString(16));
  }
  for (const group of [...head, ...tail]) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(group)) return undefined;
  }
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return undefined;
  for (const group of head) words.push(parseInt(group, 16));
  for (let i = 0; halves.length === 2 && i < missing; i++) words.push(0);
  for (const group of tail) words.push(parseInt(group, 16));
  const bytes = new Uint8Array(16);
  words.forEach((word, i) => {
    bytes[i * 2] = word >> 8;
    bytes[i * 2 + 1] = word & 0xff;
  });
  return bytes;
}
