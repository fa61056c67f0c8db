/**
 * Uploads from a URL are fetched safely: only http(s); the host's every address checked before
 * connecting (loopback, private, metadata ... refused unless allowed), the connection made to
 * the checked address, every redirect checked again, the body limited and the download timed.
 * A local server on 127.0.0.1 stands for the outside world, allowed by the setting where a test
 * fetches from it.
 */
import assert from "node:assert/strict";
import { HttpError } from "../../src/errors.ts";
import { type Network, parseNetworks } from "../../src/net/address_policy.ts";
import { fetchUrlFile, fileAtUrl, type UrlFetchOptions } from "../../src/media/url_fetch.ts";
import { urlServer } from "./_url_server.ts";

const LOOPBACK = parseNetworks("127.0.0.1") as Network[];
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

function options(overrides: Partial<UrlFetchOptions> = {}): UrlFetchOptions {
  return { maxBytes: 1000, timeoutMs: 10_000, allowed: LOOPBACK, ...overrides };
}

/** Rejects with an HttpError of `status` whose message matches `message`. */
async function refusedWith(promise: Promise<unknown>, status: number, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof HttpError, String(error));
    assert.equal(error.status, status, error.message);
    assert.match(error.message, message);
    return true;
  });
}

const routes = {
  "/bike.jpg": () => new Response(JPEG, { headers: { "content-type": "image/jpeg; q=1" } }),
  "/big": () => new Response(new Uint8Array(2000)),
  "/big-chunked": () =>
    new Response(
      new ReadableStream({
        start(controller) {
          for (let i = 0; i < 4; i++) controller.enqueue(new Uint8Array(400));
          controller.close();
        },
      }),
    ),
  "/to-private": () => Response.redirect("http://10.0.0.1/bike.jpg", 302),
  "/to-metadata": () => Response.redirect("http://169.254.169.254/latest/meta-data/", 301),
  "/to-other-loopback": () => Response.redirect("http://127.0.0.2/bike.jpg", 307),
  "/to-bike": () => new Response(null, { status: 302, headers: { location: "/bike.jpg" } }),
  "/loop": () => new Response(null, { status: 302, headers: { location: "/loop" } }),
  "/gone": () => new Response("gone", { status: 410 }),
  "/caf%C3%A9.jpg": () => new Response(JPEG),
  "/bad%E0name.jpg": () => new Response(JPEG),
};

Deno.test("a file on an allowed host is fetched, with its type and name", async () => {
  const server = urlServer(routes);
  try {
    const file = await fetchUrlFile(server.url("/to-bike"), options());
    assert.deepEqual(file.bytes, JPEG);
    assert.equal(file.declaredType, "image/jpeg");
    assert.equal(file.filename, "bike.jpg");
  } finally {
    await server.close();
  }
});

Deno.test("the file's name is its path's last segment, decoded when it can be", async () => {
  const server = urlServer(routes);
  try {
    assert.equal(
      (await fetchUrlFile(server.url("/caf%C3%A9.jpg"), options())).filename,
      "café.jpg",
    );
    // A malformed escape is no reason to fail (it was a 500: URIError).
    const file = await fetchUrlFile(server.url("/bad%E0name.jpg"), options());
    assert.equal(file.filename, "bad%E0name.jpg");
  } finally {
    await server.close();
  }
});

Deno.test("loopback is refused by default, in every spelling, before any connection", async () => {
  const server = urlServer(routes);
  try {
    const port = server.port;
    for (
      const url of [
        `http://127.0.0.1:${port}/bike.jpg`,
        `http://localhost:${port}/bike.jpg`,
        `http://2130706433:${port}/bike.jpg`,
        `http://0x7f.1:${port}/bike.jpg`,
        `http://[::1]:${port}/bike.jpg`,
        `http://[::ffff:127.0.0.1]:${port}/bike.jpg`,
      ]
    ) {
      await refusedWith(fetchUrlFile(url, options({ allowed: [] })), 400, /address/);
    }
    assert.deepEqual(server.hosts, []);
  } finally {
    await server.close();
  }
});

Deno.test("a redirect to a private or metadata address is refused", async () => {
  const server = urlServer(routes);
  try {
    await refusedWith(fetchUrlFile(server.url("/to-private"), options()), 400, /private/);
    await refusedWith(fetchUrlFile(server.url("/to-metadata"), options()), 400, /link-local/);
    // Allowed is 127.0.0.1 alone: the rest of 127/8 stays refused.
    await refusedWith(fetchUrlFile(server.url("/to-other-loopback"), options()), 400, /loopback/);
    await refusedWith(fetchUrlFile(server.url("/loop"), options()), 400, /redirects more/);
  } finally {
    await server.close();
  }
});

Deno.test("every address a name resolves to is checked, and the checked one is connected to", async () => {
  const server = urlServer(routes);
  try {
    const resolve = (host: string) =>
      Promise.resolve(host === "files.test" ? ["127.0.0.1"] : ["93.184.216.34", "10.0.0.5"]);
    const file = await fetchUrlFile(
      `http://files.test:${server.port}/bike.jpg`,
      options({ resolve }),
    );
    assert.deepEqual(file.bytes, JPEG);
    // Connected to 127.0.0.1 (no lookup of its own) while naming the host asked for.
    assert.deepEqual(server.hosts, [`files.test:${server.port}`]);
    await refusedWith(
      fetchUrlFile(`http://mixed.test:${server.port}/bike.jpg`, options({ resolve })),
      400,
      /mixed\.test has a private address/,
    );
    assert.equal(server.hosts.length, 1);
  } finally {
    await server.close();
  }
});

Deno.test("when the first address takes no connection the next checked one is tried", async () => {
  const server = urlServer(routes);
  try {
    const file = await fetchUrlFile(
      `http://files.test:${server.port}/bike.jpg`,
      options({
        allowed: parseNetworks("127.0.0.0/8") as Network[],
        // Nothing listens on 127.0.0.2: the server is bound to 127.0.0.1.
        resolve: () => Promise.resolve(["127.0.0.2", "127.0.0.1"]),
      }),
    );
    assert.deepEqual(file.bytes, JPEG);
    await refusedWith(
      fetchUrlFile(
        `http://files.test:${server.port}/bike.jpg`,
        options({
          allowed: parseNetworks("127.0.0.0/8") as Network[],
          resolve: () => Promise.resolve(["127.0.0.2"]),
        }),
      ),
      400,
      /could not be downloaded \(.*refused/i,
    );
  } finally {
    await server.close();
  }
});

Deno.test("a body larger than the limit is a 413, declared or streamed", async () => {
  const server = urlServer(routes);
  try {
    await refusedWith(fetchUrlFile(server.url("/big"), options()), 413, /larger than 1000/);
    await refusedWith(fetchUrlFile(server.url("/big-chunked"), options()), 413, /larger/);
  } finally {
    await server.close();
  }
});

Deno.test("a download that does not finish in time is a 400", async () => {
  const server = urlServer(routes, { hang: ["/slow"] });
  try {
    await refusedWith(
      fetchUrlFile(server.url("/slow"), options({ timeoutMs: 300 })),
      400,
      /not downloaded within 0\.3 s/,
    );
  } finally {
    await server.close();
  }
});

Deno.test("a body dripping a byte at a time is cut at the timeout, not kept alive by each byte", async () => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const server = urlServer({
    // Declares more than it ever sends: each byte resets no clock of the download's.
    "/drip": () =>
      new Response(
        new ReadableStream({
          pull: (controller) =>
            new Promise<void>((resolve) => {
              timer = setTimeout(() => {
                controller.enqueue(new Uint8Array([1]));
                resolve();
              }, 10);
            }),
          cancel: () => clearTimeout(timer),
        }),
        { headers: { "content-length": "900" } },
      ),
  });
  try {
    await refusedWith(
      fetchUrlFile(server.url("/drip"), options({ timeoutMs: 300 })),
      400,
      /not downloaded within 0\.3 s/,
    );
  } finally {
    clearTimeout(timer);
    await server.close();
  }
});

Deno.test("other schemes, bad URLs and failed answers are 400s", async () => {
  const server = urlServer(routes);
  try {
    await refusedWith(fileAtUrl("file:///etc/passwd", options()), 400, /only http:/);
    await refusedWith(fileAtUrl("ftp://example.com/x", options()), 400, /only http:/);
    await refusedWith(fileAtUrl("not a url", options()), 400, /not a URL/);
    await refusedWith(fetchUrlFile(server.url("/gone"), options()), 400, /answered 410/);
    const data = await fileAtUrl("data:image/png;base64,AQID", options());
    assert.deepEqual([...data.bytes], [1, 2, 3]);
  } finally {
    await server.close();
  }
});

const fixture = (name: string) =>
  Deno.readTextFileSync(new URL(`../search/fixtures/${name}`, import.meta.url));

Deno.test("https is verified against the URL's host name while connecting to the checked address", async () => {
  const server = Deno.serve(
    {
      hostname: "127.0.0.1",
      port: 0,
      cert: fixture("tls_server.pem"),
      key: fixture("tls_server.key"),
      onListen() {},
    },
    () => new Response(JPEG, { headers: { "content-type": "image/jpeg" } }),
  );
  try {
    const port = server.addr.port;
    const tls = options({
      allowed: parseNetworks("127.0.0.1 ::1") as Network[],
      caCerts: [fixture("tls_ca.pem")],
      resolve: () => Promise.resolve(["127.0.0.1"]),
    });
    // The certificate names localhost and 127.0.0.1, not files.test.
    const file = await fetchUrlFile(`https://localhost:${port}/bike.jpg`, tls);
    assert.deepEqual(file.bytes, JPEG);
    await refusedWith(
      fetchUrlFile(`https://files.test:${port}/bike.jpg`, tls),
      400,
      /could not be downloaded \(.*(certificate|NotValidForName)/i,
    );
  } finally {
    await server.shutdown();
  }
});
