/**
 * A package of a thousand items: saving it lets other work run between chunks of its items. On
 * the embedded store a read answers without waiting, so the loops over the items must yield
 * themselves (`LoopTurns`). A probe re-armed on every turn of the event loop notes how many item
 * reads the save made since the last turn: never more than about a chunk. Events are counted,
 * not time, so the case holds on any machine. (The engines' reads wait for the network anyway,
 * so the case runs embedded only.)
 */
import assert from "node:assert/strict";
import { setImmediate } from "node:timers";
import { LOOP_CHUNK } from "../../src/loop_turns.ts";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { body, newsroomTest } from "./_newsroom.ts";

const ITEMS = 1000;

/**
 * Counts `archive`'s item reads and, on every turn of the event loop until stopped, the most
 * reads made between two turns.
 */
function readsBetweenTurns(archive: ArchiveService) {
  const findOne = archive.findOne;
  let reads = 0;
  let atLastTurn = 0;
  let most = 0;
  let running = true;
  archive.findOne = function (...args) {
    reads++;
    return findOne.apply(this, args);
  };
  const turn = () => {
    most = Math.max(most, reads - atLastTurn);
    atLastTurn = reads;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return {
    stop() {
      running = false;
      archive.findOne = findOne;
      turn();
      return { reads, most };
    },
  };
}

newsroomTest(
  "creating a package of a thousand items lets the event loop turn between chunks of items",
  async (room) => {
    const { app, writer, desk } = room;
    const archive = app.platform.registry.service<ArchiveService>("archive");
    const members = await archive.create(
      Array.from({ length: ITEMS }, (_, i) => ({
        headline: `Story ${i}`,
        task: { desk: desk._id, stage: desk.working_stage },
      })),
    );
    const probe = readsBetweenTurns(archive);
    const answer = await writer.post("/api/archive", {
      type: "composite",
      task: { desk: desk._id },
      groups: [
        { id: "root", refs: [{ idRef: "main" }] },
        { id: "main", refs: members.map((member) => ({ residRef: member._id })) },
      ],
    });
    const { reads, most } = probe.stop();
    const pkg = await body(answer, 201);
    const sample = await body(await writer.get(`/api/archive/${members[ITEMS - 1]!._id}`));
    assert.deepEqual(sample.linked_in_packages, [{ package: pkg._id }]);
    // The items are read to check embargoes and refs, then again to link them.
    assert.ok(reads >= 3 * ITEMS, `${reads} item reads`);
    // A chunk of passes reads a chunk of items; the last, short chunk of one loop runs on into
    // the first of the next (embargo check, ref check, link) before the next turn.
    assert.ok(
      most <= 2 * LOOP_CHUNK,
      `${most} item reads without a turn of the event loop (a chunk is ${LOOP_CHUNK})`,
    );
  },
  { engines: ["embedded"] },
);
