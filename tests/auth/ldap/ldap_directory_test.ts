/** `LdapDirectory`'s bind names and filters, and the empty password it never sends. */
import assert from "node:assert/strict";
import { LdapDirectory } from "../../../src/auth/ldap/ldap_directory.ts";
import { ldapSettings } from "../../../src/config/ldap_settings.ts";
import { UnauthorizedError } from "../../../src/errors.ts";
import { silentLogger } from "../../../src/log.ts";
import { closedPort } from "../../_ports.ts";

const directory = (env: Record<string, string>) =>
  new LdapDirectory(ldapSettings({ LDAP_SERVER: "ldap://ad.example.org", ...env })!, silentLogger);

Deno.test("Active Directory binds as user@LDAP_FQDN; a username of another domain is refused", () => {
  const ad = directory({ LDAP_FQDN: "corp.example.org" });
  assert.equal(ad.bindName("jane"), "jane@corp.example.org");
  assert.equal(ad.bindName("jane@Corp.Example.org"), "jane@Corp.Example.org");
  // Bound in a trusted domain, `{1}` would read this domain's `jane`.
  assert.throws(() => ad.bindName("jane@other.org"), UnauthorizedError);
  assert.throws(() => ad.bindName("jane@corp.example.org@other.org"), UnauthorizedError);
  assert.equal(directory({}).bindName("CN=Jane,DC=corp"), "CN=Jane,DC=corp", "as typed");
  assert.equal(
    directory({ LDAP_FQDN: "corp.example.org", LDAP_BIND_DN: "uid={},dc=x" }).bindName("a,b"),
    "uid=a\\,b,dc=x",
    "LDAP_BIND_DN wins, escaped",
  );
});

Deno.test("without LDAP_FQDN, a name with a domain is refused when the filter reads by {1}", () => {
  const byShortName = directory({ LDAP_USER_FILTER: "(sAMAccountName={1})" });
  // Bound in a trusted domain, `{1}` would read this directory's `x`.
  assert.throws(() => byShortName.bindName("x@trusted.example"), UnauthorizedError);
  assert.equal(byShortName.bindName("x"), "x");
  assert.equal(directory({}).bindName("x@corp.example.org"), "x@corp.example.org", "{} only");
});

Deno.test("the login guard's key: lowercased, without @LDAP_FQDN", () => {
  const ad = directory({ LDAP_FQDN: "corp.example.org" });
  assert.equal(ad.accountKey("Jane@CORP.example.org"), "jane");
  assert.equal(ad.accountKey("Jane"), "jane");
  assert.equal(directory({}).accountKey("Jane@corp.example.org"), "jane@corp.example.org");
  const byDn = directory({ LDAP_FQDN: "corp.example.org", LDAP_BIND_DN: "uid={},dc=x" });
  assert.equal(byDn.accountKey("jane@corp.example.org"), "jane@corp.example.org");
});

Deno.test("the default filter takes the bind name; {1} the profile's username before @", () => {
  const ad = directory({ LDAP_FQDN: "corp.example.org" });
  assert.equal(
    ad.userFilter(ad.bindName("jane"), "jane"),
    "(&(objectCategory=user)(objectClass=user)(sAMAccountName=jane@corp.example.org))",
  );
  const byProfile = directory({ LDAP_USER_FILTER: "(&(upn={0})(sAMAccountName={1}))" });
  assert.equal(
    byProfile.userFilter("j*@corp", " kim@corp.example.org "),
    "(&(upn=j\\2a@corp)(sAMAccountName=kim))",
  );
});

Deno.test("an empty password is refused without contacting the directory", async () => {
  const unreachable = directory({ LDAP_SERVER_PORT: String(closedPort()) });
  await assert.rejects(
    unreachable.fetchProfile({ username: "jane", password: "" }),
    (error) => error instanceof UnauthorizedError,
    "a 401, not the 503 of a contacted, unreachable directory",
  );
});
