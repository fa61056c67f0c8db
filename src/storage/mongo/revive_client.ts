/**
 * Keeps a MongoClient usable after a connect that failed. npm:mongodb connects on the first
 * operation; when no server answers within `serverSelectionTimeoutMS` (the engine down, or slow
 * on a loaded machine, while the process starts) it closes that topology but keeps it, and every
 * later operation fails with "Topology is closed", for good: the driver connects anew only when
 * it has no topology. So a closed topology is dropped: the next operation connects again (the
 * operations that waited on the failed one fail, as they would have anyway). After
 * `client.close()` the driver refuses operations by itself, so nothing reconnects then.
 * (`topology` is the driver's internal field; tests/storage/mongo_revive_test.ts pins it.)
 */
import type { MongoClient } from "mongodb";

/** Makes `client` connect anew after any failed connect. */
export function reviveAfterFailedConnect(client: MongoClient): void {
  client.on("topologyClosed", () => {
    (client as unknown as { topology?: unknown }).topology = undefined;
  });
}
