/** The search-backed behaviour suite on a real Elasticsearch (ELASTICSEARCH_URL). */
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { searchBackedSuite } from "./search_backed_suite.ts";

searchBackedSuite("Elasticsearch", () => {
  const url = engineUrl("ELASTICSEARCH_URL");
  return url ? createIndexingApp({ elasticUrl: url }) : undefined;
});
