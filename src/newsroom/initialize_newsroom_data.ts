/**
 * `superdesk app:initialize_data` (the newsroom part): a sample desk, "Sports", with its
 * incoming and working stages plus a "Ready" stage, so a fresh install can be used at once.
 * Idempotent: nothing is created when a desk of that name exists.
 */
import { SYSTEM_ACTOR } from "../resources/actor.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";

/** The sample desk's name. */
export const SAMPLE_DESK_NAME = "Sports";

/** What a run created. */
export interface NewsroomDataResult {
  deskCreated: boolean;
  deskId: string;
}

/** Creates the sample desk and its stages where missing. */
export async function initializeNewsroomData(
  registry: ResourceRegistry,
): Promise<NewsroomDataResult> {
  const desks = registry.service("desks");
  const existing = await desks.findOne({ name: SAMPLE_DESK_NAME });
  if (existing) return { deskCreated: false, deskId: String(existing._id) };
  const [desk] = await desks.create([{
    name: SAMPLE_DESK_NAME,
    description: "A sample desk created by app:initialize_data",
    desk_type: "authoring",
    members: [],
  }], SYSTEM_ACTOR);
  await registry.service("stages").create([{
    name: "Ready",
    description: "Stories ready for publishing",
    desk: desk!._id,
  }], SYSTEM_ACTOR);
  return { deskCreated: true, deskId: String(desk!._id) };
}
