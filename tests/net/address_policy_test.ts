/**
 * The addresses a user's URL may make the server connect to: public unicast only, whatever
 * form the address is written in; networks an operator allows are let through.
 */
import assert from "node:assert/strict";
import { parseNetworks, refusedAddress } from "../../src/net/address_policy.ts";

Deno.test("public IPv4 and IPv6 addresses are allowed", () => {
  for (const address of ["93.184.216.34", "8.8.8.8", "2606:4700:4700::1111", "[2a00:1450::1]"]) {
    assert.equal(refusedAddress(address), undefined, address);
  }
});

Deno.test("loopback, private, link-local, multicast, unspecified and metadata are refused", () => {
  const cases: Array<[string, RegExp]> = [
    ["127.0.0.1", /loopback/],
    ["127.255.0.9", /loopback/],
    ["::1", /loopback/],
    ["0:0:0:0:0:0:0:1", /loopback/],
    ["10.1.2.3", /private/],
    ["172.31.255.255", /private/],
    ["192.168.0.1", /private/],
    ["fd12:3456::1", /unique local/],
    ["100.100.100.200", /shared/],
    ["169.254.169.254", /link-local/],
    ["fe80::1", /link-local/],
    ["fd00:ec2::254", /unique local/],
    ["168.63.129.16", /metadata/],
    ["224.0.0.1", /multicast/],
    ["ff02::1", /multicast/],
    ["0.0.0.0", /unspecified/],
    ["::", /unspecified/],
    ["255.255.255.255", /reserved/],
  ];
  for (const [address, why] of cases) assert.match(refusedAddress(address) ?? "", why, address);
});

Deno.test("IPv6 forms that carry an IPv4 address are refused, whatever that address", () => {
  for (
    const address of [
      "::ffff:127.0.0.1",
      "::ffff:7f00:1",
      "::ffff:8.8.8.8",
      "::127.0.0.1",
      "64:ff9b::a00:1",
      "2002:7f00:1::1",
      "2001:0:4136:e378:8000:63bf:3fff:fdd2",
      // IPv4-translated (RFC 2765's ::ffff:0:a.b.c.d), a SIIT translator's form.
      "::ffff:0:7f00:1",
      "::ffff:0:127.0.0.1",
    ]
  ) assert.notEqual(refusedAddress(address), undefined, address);
});

Deno.test("IPv6 addresses outside global unicast (2000::/3) are refused", () => {
  for (const address of ["1::1", "100:0:0:1::1", "4000::1", "e000::1", "::2:0:0:1"]) {
    assert.notEqual(refusedAddress(address), undefined, address);
  }
  assert.equal(refusedAddress("2606:4700:4700::1111"), undefined);
  assert.equal(refusedAddress("3fff:ffff::1"), undefined);
});

Deno.test("what is not an IP address is refused", () => {
  for (const text of ["localhost", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1::2::3", "fe80::1%eth0"]) {
    assert.equal(refusedAddress(text), "not an IP address", text);
  }
});

Deno.test("allowed networks let their addresses through, and only those", () => {
  const allowed = parseNetworks("127.0.0.1, 10.0.0.0/8 fd00::/8");
  assert.ok(Array.isArray(allowed));
  assert.equal(refusedAddress("127.0.0.1", allowed), undefined);
  assert.match(refusedAddress("127.0.0.2", allowed)!, /loopback/);
  assert.equal(refusedAddress("10.200.3.4", allowed), undefined);
  assert.match(refusedAddress("172.16.0.1", allowed)!, /private/);
  assert.equal(refusedAddress("fd12::1", allowed), undefined);
  assert.match(refusedAddress("fe80::1", allowed)!, /link-local/);
});

Deno.test("a malformed network is named", () => {
  assert.deepEqual(parseNetworks("10.0.0.0/8, 10.0.0.0/33"), { invalid: "10.0.0.0/33" });
  assert.deepEqual(parseNetworks("example.com"), { invalid: "example.com" });
  assert.deepEqual(parseNetworks(""), []);
});
