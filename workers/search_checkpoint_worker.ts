/** Web Worker entry of the embedded search index's log checkpoints (`wal_checkpointer.ts`). */
import { runCheckpointThread } from "../src/search/sqlite/wal_checkpoint_thread.ts";

runCheckpointThread(self as unknown as Parameters<typeof runCheckpointThread>[0]);
