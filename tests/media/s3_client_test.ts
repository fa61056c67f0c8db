/** Where the S3 client sends a call: its address (AWS or an endpoint) and its encoded path and query. */
import assert from "node:assert/strict";
import { requestUrl } from "../../src/media/s3_client.ts";

const aws = { bucket: "sd-media", region: "eu-west-1" };

Deno.test("S3 URLs: virtual-hosted on AWS, path-style on an endpoint", () => {
  assert.equal(
    requestUrl(aws, "prod/0123").href,
    "https://sd-media.s3.eu-west-1.amazonaws.com/prod/0123",
  );
  assert.equal(
    requestUrl({ ...aws, endpoint: "http://127.0.0.1:4566/" }, "prod/0123").href,
    "http://127.0.0.1:4566/sd-media/prod/0123",
  );
  assert.equal(requestUrl(aws).href, "https://sd-media.s3.eu-west-1.amazonaws.com/");
});

Deno.test("S3 URLs: a bucket with dots is path-style on AWS (its TLS name has one label)", () => {
  assert.equal(
    requestUrl({ ...aws, bucket: "media.example.com" }, "a").href,
    "https://s3.eu-west-1.amazonaws.com/media.example.com/a",
  );
});

Deno.test("S3 URLs: key segments and query parts are sent encoded as SigV4 signs them", () => {
  const url = requestUrl(aws, "dir one/it's (1)*!~ é", { prefix: "a b+c", uploads: "" });
  assert.equal(url.pathname, "/dir%20one/it%27s%20%281%29%2A%21~%20%C3%A9");
  assert.equal(url.search, "?prefix=a%20b%2Bc&uploads=");
});
