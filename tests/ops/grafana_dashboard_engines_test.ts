import { engineUrl, uniqueName } from "../_engines.ts";
import { grafanaDashboardSuite } from "./grafana_dashboard_suite.ts";

const mongoUri = engineUrl("MONGO_URI");
const redisUrl = engineUrl("REDIS_URL");
const elasticUrl = engineUrl("ELASTICSEARCH_URL");

grafanaDashboardSuite("engines", {
  MONGO_URI: mongoUri ?? "",
  MONGO_DBNAME: uniqueName("dash"),
  REDIS_URL: redisUrl ?? "",
  ELASTICSEARCH_URL: elasticUrl ?? "",
  ELASTICSEARCH_INDEX: uniqueName("dash"),
}, { ignore: !mongoUri || !redisUrl || !elasticUrl });
