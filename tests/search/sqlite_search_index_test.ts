/** The search-index contract against the embedded SQLite FTS5 index, in a temporary file. */
import { createSqliteSearchIndex } from "../../src/search/sqlite/sqlite_search_index.ts";
import { searchIndexContract } from "../contracts/search_index_contract.ts";

searchIndexContract("sqlite", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search_index_" });
  const open = () => createSqliteSearchIndex({ path: `${dir}/search.db`, prefix: "test" });
  const index = open();
  const peer = open();
  return {
    index,
    peer,
    async cleanup() {
      await index.close();
      await peer.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
});
