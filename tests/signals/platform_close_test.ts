/**
 * Closing the platform while a signal handler runs, on both setups: the handler's signal is
 * aborted, and the stores close only once it has stopped, so what it does on its way out still
 * reaches them (it used to run on against closed stores).
 */
import assert from "node:assert/strict";
import { engineTestApp, onEachEngine } from "../_engine_app.ts";

onEachEngine("a signal handler running at close stops before the stores close", async (engine) => {
  const app = await engineTestApp(engine);
  const { platform } = app;
  const steps: string[] = [];
  const started = Promise.withResolvers<void>();
  // Opened by the test after close() resolved: the handler waits for it or for its signal.
  const release = Promise.withResolvers<void>();
  const outcome = Promise.withResolvers<string>();
  platform.services.signals.on("item:created", async (_payload, context) => {
    started.resolve();
    const aborted = new Promise<void>((resolve) => {
      context.signal.addEventListener("abort", () => resolve());
    });
    await Promise.race([release.promise, aborted]);
    try {
      await platform.documents.collection("signal_probe").insertMany([{ _id: "last" }]);
      outcome.resolve("stored");
    } catch (error) {
      outcome.resolve(`failed: ${error}`);
    }
    steps.push("handler done");
  }, { app: "test" });
  const emitted = platform.services.signals.emit("item:created", { item: { _id: "urn:1" } });
  await started.promise;
  await app.close();
  steps.push("closed");
  release.resolve();
  assert.equal(await outcome.promise, "stored");
  assert.deepEqual(steps, ["handler done", "closed"]);
  await emitted;
});
