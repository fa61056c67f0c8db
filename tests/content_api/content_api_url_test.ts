/** `CONTENTAPI_URL`: the default, a trailing slash dropped, a bad value refused at start. */
import assert from "node:assert/strict";
import { contentApiUrl, itemUri } from "../../src/content_api/content_api_url.ts";
import { ConfigError } from "../../src/errors.ts";

Deno.test("CONTENTAPI_URL defaults to this server's consumer endpoint", () => {
  assert.equal(contentApiUrl(undefined, 5000), "http://localhost:5000/api/contentapi");
  assert.equal(contentApiUrl("https://capi.example.com/", 5000), "https://capi.example.com");
});

Deno.test("a CONTENTAPI_URL that is not an http(s) URL fails naming the variable", () => {
  for (const bad of ["capi", "ftp://example.com"]) {
    assert.throws(() => contentApiUrl(bad, 5000), (error: unknown) => {
      assert.ok(error instanceof ConfigError);
      assert.equal(error.variable, "CONTENTAPI_URL");
      return true;
    });
  }
});

Deno.test("an item's uri percent-encodes its id, as Superdesk's quote does", () => {
  assert.equal(
    itemUri("http://localhost:5400", "urn:newsml:x,1"),
    "http://localhost:5400/items/urn%3Anewsml%3Ax%2C1",
  );
});
