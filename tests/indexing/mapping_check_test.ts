/**
 * Mapping migrations: a live index made with another mapping (an older format, or a field
 * mapped otherwise) is found; the server refuses to start on it, naming `index:rebuild`; the
 * rebuild (alias swap) makes it current, after which the server starts.
 */
import assert from "node:assert/strict";
import { mappingMismatches, mismatchMessage } from "../../src/indexing/mapping_check.ts";
import { rebuildIndex } from "../../src/indexing/rebuild_index.ts";
import { resourceMapping } from "../../src/indexing/resource_mapping.ts";
import { silentLogger } from "../../src/log.ts";
import { archiveResource } from "../../src/newsroom/archive_resource.ts";
import { type IndexMapping, mappingDifference } from "../../src/search/mapping.ts";
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { memos } from "./_memos_module.ts";

const elasticUrl = engineUrl("ELASTICSEARCH_URL");

/** `mapping` with `title` as an exact keyword, as a version before full text would have it. */
function olderMapping(mapping: IndexMapping, format?: number): IndexMapping {
  return {
    ...(format === undefined ? {} : { format }),
    properties: { ...mapping.properties, title: { type: "keyword" } },
  };
}

for (const engine of ["embedded", "elasticsearch"] as const) {
  Deno.test({
    name: `[${engine}] an index with another mapping is found and index:rebuild makes it current`,
    ignore: engine === "elasticsearch" && !elasticUrl,
    async fn() {
      const app = await createIndexingApp({
        elasticUrl: engine === "elasticsearch" ? elasticUrl : undefined,
      });
      const { platform } = app;
      const current = resourceMapping(memos);
      const check = () =>
        mappingMismatches(platform.registry, platform.search, { log: silentLogger });
      try {
        assert.deepEqual(await check(), []);
        await platform.search.drop("memos");
        await platform.search.ensureIndex("memos", olderMapping(current, current.format));
        const [changed] = await check();
        assert.equal(changed?.resource, "memos");
        assert.match(changed!.why, /title changed/);

        await platform.registry.service("memos").create([{ title: "kept" }], {
          kind: "system",
        } as never);
        const before = await platform.search.currentIndex("memos");
        await rebuildIndex(platform, memos);
        assert.notEqual(await platform.search.currentIndex("memos"), before);
        assert.deepEqual(await check(), []);
      } finally {
        await app.close();
      }
    },
  });
}

Deno.test("an index recording no mapping, or another format, differs", () => {
  const current = resourceMapping(memos);
  assert.match(mappingDifference(null, current)!, /records no mapping/);
  assert.match(mappingDifference({ ...current, format: 1 }, current)!, /index format 1/);
  // Index format 3 folds accents: an index of format 2 must be rebuilt.
  assert.match(
    mappingDifference({ ...current, format: 2 }, current)!,
    /made with index format 2, this version uses 3 \(accents of html_field_analyzer fields folded/,
  );
  // The start-up message names the rebuild of this resource and of every index.
  const message = mismatchMessage({
    resource: "archive",
    index: "sd_archive_1",
    why: mappingDifference({ ...current, format: 2 }, current)!,
  });
  assert.match(message, /Run `superdesk index:rebuild archive`/);
  assert.match(message, /`superdesk index:rebuild` \(no resource\) rebuilds them all/);
  assert.equal(mappingDifference(structuredClone(current), current), undefined);
});

Deno.test({
  name: "the server refuses to start on an out-of-date index and names the command that fixes it",
  sanitizeResources: false,
  async fn() {
    const dataDir = await Deno.makeTempDir({ prefix: "mapping_check_" });
    const env = { DATA_DIR: dataDir, ELASTICSEARCH_INDEX: "superdesk", LOG_LEVEL: "error" };
    try {
      const old = createSqliteSearchIndex({ path: `${dataDir}/search.db`, prefix: "superdesk" });
      await old.ensureIndex("archive", olderMapping(resourceMapping(archiveResource)));
      await old.close();
      const refused = await run(["--role=api", "--port=0"], env);
      assert.equal(refused.code, 1, refused.stderr);
      assert.match(refused.stderr, /superdesk index:rebuild archive/);
      assert.match(refused.stderr, /"archive"/);

      const rebuilt = await run(["index:rebuild", "archive"], env);
      assert.equal(rebuilt.code, 0, rebuilt.stderr);
      const fresh = createSqliteSearchIndex({ path: `${dataDir}/search.db`, prefix: "superdesk" });
      try {
        assert.deepEqual(await fresh.liveMapping("archive"), resourceMapping(archiveResource));
      } finally {
        await fresh.close();
      }
    } finally {
      await Deno.remove(dataDir, { recursive: true });
    }
  },
});

async function run(args: string[], env: Record<string, string>) {
  const output = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("../../main.ts", import.meta.url).pathname, ...args],
    env,
    clearEnv: true,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: output.code, stderr: new TextDecoder().decode(output.stderr) };
}
