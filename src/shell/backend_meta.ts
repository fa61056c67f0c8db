/**
 * `GET /api/backend_meta` (Superdesk's `superdesk/backend_meta`): what the server is made of,
 * for the web client's "About" dialog (`{_items: [], modules: [{name, version, href?}]}`). Here:
 * the Deno runtime, the engine behind each seam with the version it reports (a seam that does
 * not answer is listed without one), and every app loaded. Any signed-in user may read it, as
 * in Superdesk.
 */
import { Type } from "@sinclair/typebox";
import type { EngineStatus } from "../engines/engine_status.ts";
import { ComputedListService } from "../resources/computed_list_service.ts";
import { defineResource } from "../resources/resource_definition.ts";
import type { ServiceContext } from "../resources/service_context.ts";
import type { Doc } from "../storage/document_store.ts";

/** The `backend_meta` definition: read-only. */
export const backendMetaResource = defineResource({
  name: "backend_meta",
  schema: Type.Object({}),
  itemMethods: [],
});

/** One line of the About dialog. */
export interface BackendModule {
  name: string;
  version?: string;
  href?: string;
}

/** Serves `{_items: [], modules}`. */
export class BackendMetaService extends ComputedListService {
  #apps: () => readonly string[];

  constructor(ctx: ServiceContext, apps: () => readonly string[]) {
    super(backendMetaResource, ctx);
    this.#apps = apps;
  }

  protected override items(): Doc[] {
    return [];
  }

  override async listExtras(): Promise<Doc> {
    const engines = await Promise.all([
      this.ctx.documents.ping(),
      this.ctx.search.ping(),
      this.ctx.queue.ping(),
    ]);
    const modules: BackendModule[] = [
      { name: "deno", version: Deno.version.deno },
      ...engines.map(engineModule),
      ...this.#apps().map((name) => ({ name: `app: ${name}` })),
    ];
    return { modules };
  }
}

function engineModule(status: EngineStatus): BackendModule {
  const name = `${status.seam}: ${status.engine}`;
  return status.version ? { name, version: status.version } : { name };
}
