/**
 * The modules every process loads, in registration order (which is also the order of the
 * `GET /api` home listing), configured from the process configuration. Authentication is built
 * separately because it also provides the authenticator (`src/auth/auth_module.ts`).
 */
import type { Config } from "../config/config.ts";
import { createIndexingModule } from "../indexing/indexing_module.ts";
import { createIngestModule } from "../ingest/ingest_module.ts";
import { createNewsroomModule } from "../newsroom/newsroom_module.ts";
import { createPublishModule } from "../publish/publish_module.ts";
import { publishRouted } from "../publish/publish_routed.ts";
import type { AppModule } from "./app_module.ts";

/** The core modules for `config`. */
export function coreModules(config: Readonly<Config>): AppModule[] {
  return [
    createIndexingModule(),
    createNewsroomModule({
      contentExpiryMinutes: config.contentExpiryMinutes,
      spikeExpiryMinutes: config.spikeExpiryMinutes,
    }),
    createPublishModule(config.publish),
    createIngestModule({ publish: publishRouted }),
  ];
}
