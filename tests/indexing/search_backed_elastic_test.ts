/** The search-backed behaviour suite on a real Elasticsearch (ELASTICSEARCH_URL). */
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { searchBackedSuite } from "./search_backed_suite.ts";

const url = engineUrl("ELASTICSEARCH_URL");

searchBackedSuite("Elasticsearch", () => createIndexingApp({ elasticUrl: url }), {
  ignore: !url,
});
