/**
 * A package of a thousand items: saving it lets other work run meanwhile (on the embedded store
 * every read answers at once, so a loop over the items must let timers and I/O in itself; the
 * engines' reads wait for the network, so the case runs embedded only).
 */
import assert from "node:assert/strict";
import type { ArchiveService } from "../../src/newsroom/archive_service.ts";
import { body, newsroomTest } from "./_newsroom.ts";

const ITEMS = 1000;

newsroomTest(
  "creating a package of a thousand items never holds the event loop for long",
  async (room) => {
    const { app, writer, desk } = room;
    const archive = app.platform.registry.service<ArchiveService>("archive");
    const members = await archive.create(
      Array.from({ length: ITEMS }, (_, i) => ({
        headline: `Story ${i}`,
        task: { desk: desk._id, stage: desk.working_stage },
      })),
    );
    let longest = 0;
    let last = performance.now();
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    const answer = await writer.post("/api/archive", {
      type: "composite",
      task: { desk: desk._id },
      groups: [
        { id: "root", refs: [{ idRef: "main" }] },
        { id: "main", refs: members.map((member) => ({ residRef: member._id })) },
      ],
    });
    const elapsed = performance.now() - started;
    clearInterval(timer);
    const pkg = await body(answer, 201);
    const sample = await body(await writer.get(`/api/archive/${members[ITEMS - 1]!._id}`));
    assert.deepEqual(sample.linked_in_packages, [{ package: pkg._id }]);
    // Held for the whole loop, the longest pause is a fifth of the save or more.
    assert.ok(
      longest < elapsed / 12,
      `the event loop waited ${longest.toFixed(0)} ms of ${elapsed.toFixed(0)} ms`,
    );
  },
  { engines: ["embedded"] },
);
