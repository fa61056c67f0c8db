/** The search-backed behaviour suite on the embedded SQLite FTS5 index. */
import { createIndexingApp } from "./_indexing_app.ts";
import { searchBackedSuite } from "./search_backed_suite.ts";

searchBackedSuite("the embedded index", () => createIndexingApp());
