/** The reconciler suite on the embedded SQLite FTS5 index. */
import { createIndexingApp } from "./_indexing_app.ts";
import { reconcileSuite } from "./reconcile_suite.ts";

reconcileSuite("the embedded index", () => createIndexingApp());
