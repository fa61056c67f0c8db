/** RFC 4515 / RFC 4514 escaping and the `{}` templates of the LDAP settings. */
import assert from "node:assert/strict";
import {
  escapeDnValue,
  escapeFilterValue,
  fillTemplate,
  placeholderCount,
} from "../../../src/auth/ldap/ldap_escape.ts";
import { ConfigError } from "../../../src/errors.ts";

Deno.test("filter values escape *, (, ), \\ and NUL as RFC 4515 hex pairs", () => {
  // RFC 4515 §4's examples.
  assert.equal(
    escapeFilterValue("Parens R Us (for all your parenthetical needs)"),
    "Parens R Us \\28for all your parenthetical needs\\29",
  );
  assert.equal(escapeFilterValue("*"), "\\2a");
  assert.equal(escapeFilterValue("C:\\MyFile"), "C:\\5cMyFile");
  assert.equal(escapeFilterValue("a\0b"), "a\\00b");
  assert.equal(escapeFilterValue("foo)(uid=*"), "foo\\29\\28uid=\\2a");
  assert.equal(escapeFilterValue("Lučić"), "Lučić", "UTF-8 text passes as it is");
});

Deno.test("DN values escape RFC 4514's specials and leading/trailing characters", () => {
  assert.equal(escapeDnValue("Sue, Grabbit and Runn"), "Sue\\, Grabbit and Runn");
  assert.equal(escapeDnValue('a+b=c;d<e>f"g\\h'), 'a\\+b\\=c\\;d\\<e\\>f\\"g\\\\h');
  assert.equal(escapeDnValue("#hash"), "\\#hash");
  assert.equal(escapeDnValue(" lead"), "\\ lead");
  assert.equal(escapeDnValue("trail "), "trail\\ ");
  assert.equal(escapeDnValue(" "), "\\ ");
  assert.equal(escapeDnValue("a\\ "), "a\\\\\\ ");
  assert.equal(escapeDnValue("nul\0"), "nul\\00");
  assert.equal(escapeDnValue("x,ou=admins"), "x\\,ou\\=admins");
});

Deno.test("templates take {} in order, {0}/{1} by index and {{ }} as braces", () => {
  const id = (value: string) => value;
  assert.equal(fillTemplate("(&(a={})(b={}))", ["x", "y"], id), "(&(a=x)(b=y))");
  assert.equal(fillTemplate("(|(a={1})(b={0}))", ["x", "y"], id), "(|(a=y)(b=x))");
  assert.equal(fillTemplate("{{{}}}", ["x"], id), "{x}");
  assert.equal(fillTemplate("(a={})(b={})", ["*"], escapeFilterValue), "(a=\\2a)(b=)");
});

Deno.test("malformed templates are ConfigErrors naming the setting", () => {
  assert.equal(placeholderCount("(uid={})", "LDAP_USER_FILTER"), 1);
  assert.equal(placeholderCount("(uid={{x}})", "LDAP_USER_FILTER"), 0);
  for (const bad of ["(uid={name})", "(uid={)", "(uid=})", "({}{1})"]) {
    assert.throws(
      () => placeholderCount(bad, "LDAP_USER_FILTER"),
      (error) => error instanceof ConfigError && error.variable === "LDAP_USER_FILTER",
      bad,
    );
  }
});
