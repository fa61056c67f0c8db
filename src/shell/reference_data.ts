/**
 * The reference data of `superdesk app:initialize_data` (Superdesk's `data_init`): vocabularies,
 * content profiles and templates, cities, and the web client's default settings. Accounts, roles
 * and the sample desk are not part of it. Shared by the command and by prepopulate, which loads it
 * after an erase and before a profile's sample data. Idempotent: only what is missing is created.
 */
import {
  type ContentDataResult,
  initializeContentData,
} from "../content/initialize_content_data.ts";
import type { ResourceRegistry } from "../resources/resource_registry.ts";
import { initializeCities } from "./cities.ts";
import { initializeClientSettings } from "./client_settings.ts";

/** What a run created. */
export interface ReferenceDataResult {
  content: ContentDataResult;
  /** How many cities were created. */
  cities: number;
  /** Whether the client settings were created. */
  clientSettings: boolean;
}

/** Creates the missing reference data. */
export async function initializeReferenceData(
  registry: ResourceRegistry,
): Promise<ReferenceDataResult> {
  const content = await initializeContentData(registry);
  const cities = await initializeCities(registry);
  const clientSettings = await initializeClientSettings(registry);
  return { content, cities, clientSettings };
}
