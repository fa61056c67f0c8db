/**
 * The macro a routing rule's fetch or publish destination names (Superdesk's FetchService
 * `macro`): it transforms the item before it is fetched to that destination, run by the system.
 * A macro that is not registered fails that destination's fetch with an ingest problem.
 */
import type { MacroList } from "../../apps/macro_registry.ts";
import { contain } from "../../app_failure.ts";
import { SYSTEM_ACTOR } from "../../resources/actor.ts";
import type { ServiceContext } from "../../resources/service_context.ts";
import type { Doc } from "../../storage/document_store.ts";
import { IngestError } from "../ingest_error.ts";

/** Runs macro `name` on a copy of `item`; answers the transformed item. */
export type RunRoutingMacro = (name: string, item: Doc) => Promise<Doc>;

/** The runner for the macros of `macros`. */
export function routingMacros(services: ServiceContext, macros: MacroList): RunRoutingMacro {
  return async (name, item) => {
    const macro = macros.get(name);
    if (!macro) throw new IngestError(2003, `the routing macro "${name}" is not registered`);
    const output = await contain(
      macro.app,
      `macro "${name}"`,
      () =>
        macro.callback(structuredClone(item), {
          actor: SYSTEM_ACTOR,
          services,
          log: services.log.child({ app: macro.app, macro: name }),
        }),
    );
    return output.item;
  };
}
