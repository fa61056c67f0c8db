/** Web Worker entry of an embedded database's log checkpoints (`wal_checkpointer.ts`). */
import { runCheckpointThread } from "../src/storage/sqlite/wal_checkpoint_thread.ts";

runCheckpointThread(self as unknown as Parameters<typeof runCheckpointThread>[0]);
