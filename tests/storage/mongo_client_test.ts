/**
 * The MongoDB client built for MONGO_URI: an option the URI sets wins over our default for it
 * (npm:mongodb lets its options object win over the URI's query), and our default holds where
 * the URI says nothing.
 */
import assert from "node:assert/strict";
import type { MongoClient } from "mongodb";
import { buildPlatform } from "../../src/cli/build_platform.ts";
import { loadConfig } from "../../src/config/load_config.ts";
import { silentLogger } from "../../src/log.ts";
import { MetricsRegistry } from "../../src/metrics/registry.ts";
import { createMongoClient } from "../../src/storage/mongo/mongo_client.ts";
import { type WireTarget, wireTarget } from "../../src/storage/mongo/wire_target.ts";

/** A port nothing listens on: every server selection fails, after its whole timeout. */
const CLOSED = "mongodb://127.0.0.1:1";

Deno.test("a MONGO_URI's timeout options override our defaults, in any case of their names", async () => {
  const cases: Array<[string, number]> = [
    [`${CLOSED}/`, 3000],
    [`${CLOSED}/db`, 3000],
    [`${CLOSED}/?serverSelectionTimeoutMS=250`, 250],
    [`${CLOSED}/db?appName=sd&serverselectiontimeoutms=40000`, 40000],
    [`${CLOSED}/?SERVERSELECTIONTIMEOUTMS=0`, 0],
    // A fragment is no query: the driver reads no option from it, so our default holds.
    [`${CLOSED}/#?serverSelectionTimeoutMS=250`, 3000],
    [`${CLOSED}/?appName=sd#serverSelectionTimeoutMS=250`, 3000],
  ];
  for (const [uri, expected] of cases) {
    const client = createMongoClient(uri);
    try {
      assert.equal(client.options.serverSelectionTimeoutMS, expected, uri);
    } finally {
      await client.close();
    }
  }
  const client = createMongoClient(`${CLOSED}/?appName=sd&connectTimeoutMS=1500`);
  try {
    assert.equal(client.options.appName, "sd");
    assert.equal(client.options.connectTimeoutMS, 1500);
    assert.equal(client.options.serverSelectionTimeoutMS, 3000);
  } finally {
    await client.close();
  }
});

Deno.test("our own connections read an option named twice in different case as the driver does", async () => {
  const cases: Array<[string, (client: MongoClient) => number, keyof WireTarget]> = [
    [
      "serverSelectionTimeoutMS=250&serverselectiontimeoutms=10000",
      (client) => client.options.serverSelectionTimeoutMS,
      "connectTimeoutMs",
    ],
    [
      "connectTimeoutMS=500&CONNECTTIMEOUTMS=700",
      (client) => client.options.connectTimeoutMS,
      "connectTimeoutMs",
    ],
    ["maxPoolSize=5&maxpoolsize=50", (client) => client.options.maxPoolSize, "maxConnections"],
  ];
  for (const [query, driverValue, field] of cases) {
    const uri = `${CLOSED}/?${query}`;
    const client = createMongoClient(uri);
    try {
      assert.equal(wireTarget(uri)?.[field], driverValue(client), query);
    } finally {
      await client.close();
    }
  }
});

Deno.test({
  name: "the platform's document store gives up server selection after the URI's timeout",
  sanitizeOps: false,
  sanitizeResources: false,
  async fn() {
    // Accepts connections and never answers: server selection ends only at its timeout, and
    // the driver's error then names the timeout it applied.
    const silent = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    const held: Deno.Conn[] = [];
    const accepting = (async () => {
      for await (const conn of silent) held.push(conn);
    })();
    const dataDir = await Deno.makeTempDir({ prefix: "superdesk_mongo_client_" });
    const config = loadConfig({
      DATA_DIR: dataDir,
      // A read preference keeps every command on the driver (wire_target.ts).
      MONGO_URI: `mongodb://127.0.0.1:${silent.addr.port}/?readPreference=primary` +
        "&serverSelectionTimeoutMS=120",
    });
    const platform = await buildPlatform(config, {
      log: silentLogger,
      metrics: new MetricsRegistry(),
      ensureIndexes: false,
    });
    try {
      await assert.rejects(
        platform.documents.collection("probe").findOne({ _id: "x" }),
        /Server selection timed out after 120 ms/,
      );
    } finally {
      await platform.close();
      silent.close();
      for (const conn of held) conn.close();
      await accepting.catch(() => {});
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});
