/** The search-index contract against Elasticsearch 8, gated on `ELASTICSEARCH_URL`. */
import { createElasticSearchIndex } from "../../src/search/elastic/elastic_search_index.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { searchIndexContract } from "../contracts/search_index_contract.ts";

const url = engineUrl("ELASTICSEARCH_URL");

if (url) {
  searchIndexContract("elasticsearch", () => {
    const prefix = uniqueName("test_search");
    const open = () =>
      createElasticSearchIndex({ url, prefix, refresh: "wait_for", refreshInterval: "100ms" });
    const index = open();
    const peer = open();
    return Promise.resolve({
      index,
      peer,
      async cleanup() {
        await index.close();
        await peer.close();
      },
    });
  });
}
