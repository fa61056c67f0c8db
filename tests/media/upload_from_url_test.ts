/**
 * `POST /api/upload` with an http(s) `URL`: the file is fetched and stored as any upload (its
 * type read from its bytes); what the fetch refuses (loopback unless allowed, a redirect to a
 * private address, a body over `MEDIA_MAX_BYTES`, a download over the timeout) is a clear JSON
 * 4xx and nothing is stored.
 */
import assert from "node:assert/strict";
import type { TestApp } from "../_app.ts";
import { loginAs } from "../_auth.ts";
import { engineTest, mediaForm, picture, postForm, storedPieces } from "./_media.ts";
import { urlServer } from "./_url_server.ts";

const ALLOW_LOOPBACK = { UPLOAD_URL_ALLOWED_NETWORKS: "127.0.0.1" };

/** POSTs a form naming `url` in `URL`; the answer's status and JSON body. */
async function uploadFrom(app: TestApp, token: string, url: string) {
  const response = await postForm(
    app,
    "/api/upload",
    mediaForm(undefined, { fields: { URL: url } }),
    token,
  );
  assert.match(response.headers.get("content-type")!, /application\/json/);
  return { status: response.status, body: await response.json() };
}

engineTest("a picture at an allowed URL is uploaded, its type read from its bytes", async (app) => {
  const admin = await loginAs(app, { username: "admin", admin: true });
  const png = await picture(40, 30, "image/png");
  const server = urlServer({
    "/photo": () => new Response(png, { headers: { "content-type": "application/octet-stream" } }),
  });
  try {
    const { status, body } = await uploadFrom(app, admin.token, server.url("/photo"));
    assert.equal(status, 201, JSON.stringify(body));
    assert.equal(body.mimetype, "image/png");
    assert.deepEqual([body.renditions.original.width, body.renditions.original.height], [40, 30]);
  } finally {
    await server.close();
  }
}, { env: ALLOW_LOOPBACK });

engineTest(
  "a URL on loopback is refused unless UPLOAD_URL_ALLOWED_NETWORKS allows it",
  async (app) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    const server = urlServer({ "/photo": () => new Response(new Uint8Array([0xff, 0xd8, 0xff])) });
    try {
      const { status, body } = await uploadFrom(app, admin.token, server.url("/photo"));
      assert.equal(status, 400);
      assert.match(body._message, /127\.0\.0\.1 has a loopback address/);
      assert.match(body._issues.URL, /loopback/);
      assert.deepEqual(server.hosts, []);
      assert.equal(await storedPieces(app), 0);
    } finally {
      await server.close();
    }
  },
);

engineTest(
  "redirects to private addresses, big bodies and slow downloads are refused",
  async (app) => {
    const admin = await loginAs(app, { username: "admin", admin: true });
    const big = new Uint8Array(250_000).fill(7);
    big.set([0xff, 0xd8, 0xff]);
    const server = urlServer({
      "/private": () => Response.redirect("http://192.168.1.1/photo.jpg", 302),
      "/big": () => new Response(big, { headers: { "content-type": "image/jpeg" } }),
    }, { hang: ["/slow"] });
    try {
      const redirected = await uploadFrom(app, admin.token, server.url("/private"));
      assert.equal(redirected.status, 400);
      assert.match(redirected.body._message, /192\.168\.1\.1 has a private address/);
      const large = await uploadFrom(app, admin.token, server.url("/big"));
      assert.equal(large.status, 413);
      assert.match(large.body._message, /larger than 200000 bytes/);
      const slow = await uploadFrom(app, admin.token, server.url("/slow"));
      assert.equal(slow.status, 400);
      assert.match(slow.body._message, /not downloaded within 1 s/);
      assert.equal((await (await admin.get("/api/upload")).json())._meta.total, 0);
      assert.equal(await storedPieces(app), 0);
    } finally {
      await server.close();
    }
  },
  { env: { ...ALLOW_LOOPBACK, UPLOAD_URL_TIMEOUT_SECONDS: "1" } },
);
