/** `LDAP_*` settings: off unless `LDAP_SERVER` is set; Superdesk's defaults; bad values fail. */
import assert from "node:assert/strict";
import { ldapSettings } from "../../../src/config/ldap_settings.ts";
import { loadConfig } from "../../../src/config/load_config.ts";
import { ConfigError } from "../../../src/errors.ts";

Deno.test("LDAP sign-in is off unless LDAP_SERVER is set", () => {
  assert.equal(loadConfig({ DATA_DIR: "/tmp/x" }).ldap, undefined);
  assert.equal(ldapSettings({ LDAP_SERVER: " " }), undefined);
});

Deno.test("LDAP settings default as Superdesk's", () => {
  const settings = ldapSettings({ LDAP_SERVER: "ldap://ad.example.org" })!;
  assert.equal(settings.url, "ldap://ad.example.org:389");
  assert.equal(
    settings.userFilter,
    "(&(objectCategory=user)(objectClass=user)(sAMAccountName={}))",
  );
  assert.deepEqual(settings.attributes, {
    givenName: "first_name",
    sn: "last_name",
    displayName: "display_name",
    mail: "email",
    ipPhone: "phone",
  });
  assert.equal(settings.base, "");
  assert.equal(settings.fqdn, undefined);
  assert.equal(settings.displayName, undefined);
  assert.equal(settings.timeoutMs, 10_000);
  assert.equal(
    ldapSettings({ LDAP_SERVER: "ldaps://ad.example.org" })!.url,
    "ldaps://ad.example.org:636",
  );
  assert.equal(
    ldapSettings({ LDAP_SERVER: "ad.example.org", LDAP_SERVER_PORT: "3389" })!.url,
    "ldap://ad.example.org:3389",
  );
  const composed = ldapSettings({ LDAP_SERVER: "h", LDAP_SET_DISPLAY_NAME: "true" })!;
  assert.deepEqual(composed.displayName, { fields: ["first_name", "last_name"], format: "{} {}" });
});

Deno.test("malformed LDAP settings fail at start naming the variable", () => {
  const cases: Record<string, string>[] = [
    { LDAP_SERVER: "http://ad.example.org" },
    { LDAP_SERVER: "ldap://ad.example.org:389/dc=x" },
    { LDAP_SERVER_PORT: "0" },
    { LDAP_USER_FILTER: "uid={}" },
    { LDAP_USER_FILTER: "(uid=foo)" },
    { LDAP_BIND_DN: "uid={},ou={}" },
    { LDAP_USER_ATTRIBUTES: "[]" },
    { LDAP_USER_ATTRIBUTES: '{"userPassword": "password"}' },
    // Account status and permissions are not the directory's to set.
    { LDAP_USER_ATTRIBUTES: '{"mail": "email", "departmentNumber": "role"}' },
    { LDAP_USER_ATTRIBUTES: '{"employeeType": "privileges"}' },
    { LDAP_USER_ATTRIBUTES: '{"accountStatus": "is_enabled"}' },
    { LDAP_USER_ATTRIBUTES: '{"accountStatus": "is_active"}' },
    { LDAP_USER_ATTRIBUTES: '{"accountStatus": "needs_activation"}' },
    { LDAP_SET_DISPLAY_NAME: "maybe" },
    { LDAP_TIMEOUT_SECONDS: "0" },
  ];
  for (const env of cases) {
    const [variable] = Object.keys(env).filter((name) => name !== "LDAP_SERVER").concat(
      "LDAP_SERVER",
    );
    assert.throws(
      () => ldapSettings({ LDAP_SERVER: "ldap://ad.example.org", ...env }),
      (error) => error instanceof ConfigError && error.variable === variable,
      JSON.stringify(env),
    );
  }
});
