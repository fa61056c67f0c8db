/**
 * `index:check` and `index:rebuild` on the embedded index: the check exits 1 and names the
 * drift, the rebuild swaps to a new index holding every document, and the progress bar shows
 * counts and docs/s (in place on a terminal, periodic lines otherwise).
 */
import assert from "node:assert/strict";
import { indexCheckCommand, indexRebuildCommand } from "../../src/indexing/index_commands.ts";
import { createProgressBar, progressLine } from "../../src/indexing/progress_bar.ts";
import { checkDrift, hasDrift } from "../../src/indexing/reconcile.ts";
import { silentLogger } from "../../src/log.ts";
import { SYSTEM_ACTOR } from "../../src/resources/actor.ts";
import type { TestApp } from "../_app.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { memos } from "./_memos_module.ts";

function contextFor(app: TestApp) {
  return {
    config: app.platform.config,
    log: silentLogger,
    services: () => Promise.resolve(app.platform.services),
  };
}

Deno.test("index:check exits 1 on drift; index:rebuild swaps to a complete new index", async () => {
  const app = await createIndexingApp();
  try {
    const docs = await app.platform.registry.service("memos").create(
      Array.from({ length: 30 }, (_, i) => ({ title: `memo ${i}` })),
      SYSTEM_ACTOR,
    );
    await app.platform.search.remove("memos", [String(docs[0]!._id)]);
    const check = { flags: {}, positional: ["memos"] };
    assert.equal(await indexCheckCommand.run(check, contextFor(app)), 1);

    const before = await app.platform.search.currentIndex("memos");
    const rebuild = { flags: { "batch-size": "7" }, positional: ["memos"] };
    assert.equal(await indexRebuildCommand.run(rebuild, contextFor(app)), 0);
    assert.notEqual(await app.platform.search.currentIndex("memos"), before);
    assert.equal(hasDrift(await checkDrift(app.platform, memos)), false);
    assert.equal(await indexCheckCommand.run(check, contextFor(app)), 0);
    await assert.rejects(
      indexCheckCommand.run({ flags: {}, positional: ["users"] }, contextFor(app)),
      /not a search-backed resource/,
    );
  } finally {
    await app.close();
  }
});

Deno.test("the progress bar redraws in place on a terminal and prints periodic lines otherwise", () => {
  assert.equal(
    progressLine("memos", 50, 200, 2_000),
    `memos [########----------------------]  25%  50/200  25 docs/s`,
  );
  const tty: string[] = [];
  const onTty = createProgressBar("memos", { tty: true, print: (line) => tty.push(line) });
  onTty.update(1, 4, 10);
  onTty.update(2, 4, 20);
  assert.equal(tty.length, 2);
  assert.ok(!tty[0]!.startsWith("\x1b") && tty[1]!.startsWith("\x1b[1A\x1b[2K"));
  const plain: string[] = [];
  const onPipe = createProgressBar("memos", {
    tty: false,
    intervalMs: 100,
    print: (l) => plain.push(l),
  });
  onPipe.update(1, 4, 0);
  onPipe.update(2, 4, 50);
  onPipe.update(3, 4, 150);
  onPipe.finish(4, 4, 160);
  assert.deepEqual(plain.map((line) => line.match(/\d+\/\d+/)?.[0]), ["1/4", "3/4", "4/4"]);
});
