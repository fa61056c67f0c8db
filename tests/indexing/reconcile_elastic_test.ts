/** The reconciler suite on a real Elasticsearch (ELASTICSEARCH_URL). */
import { engineUrl } from "../_engines.ts";
import { createIndexingApp } from "./_indexing_app.ts";
import { reconcileSuite } from "./reconcile_suite.ts";

const url = engineUrl("ELASTICSEARCH_URL");

reconcileSuite(
  "Elasticsearch",
  () => createIndexingApp({ elasticUrl: url, env: { ELASTICSEARCH_REFRESH: "true" } }),
  { ignore: !url },
);
