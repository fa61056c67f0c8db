/** Web Worker entry of an embedded search thread (`search_pool.ts`). */
import { runSearchThread } from "../src/search/sqlite/search_thread.ts";

runSearchThread(self as unknown as Parameters<typeof runSearchThread>[0]);
