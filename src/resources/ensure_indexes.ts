/**
 * Creates the indexes every registered resource declares (its `indexes`, a unique index per
 * `uniqueFields` entry, and the versions index), idempotently, at start. A resource whose
 * indexes cannot be made now (its engine down or slow) does not stop the others', and they are
 * tried again in the background until they exist: a unique index that is missing is a
 * uniqueness nobody enforces, so it must not wait for the next start.
 */
import { ServiceUnavailableError } from "../errors.ts";
import type { Logger } from "../log.ts";
import type { DocumentStore } from "../storage/document_store.ts";
import type { ResourceRegistry } from "./resource_registry.ts";
import type { ResourceService } from "./resource_service.ts";

/** Backoff between background attempts, in milliseconds (doubled up to the last). */
const RETRY_MS = [1_000, 2_000, 5_000, 15_000, 60_000];

/**
 * Makes every resource's indexes; the services whose indexes failed, with why. Once the store
 * answers that it is unavailable, the resources left fail with that error untried: each try
 * would wait out the store's server selection again (a start with the engine down would take
 * that wait times the number of resources before it listens).
 */
export async function ensureResourceIndexes(
  registry: ResourceRegistry,
  documents: DocumentStore,
  services: ResourceService[] = registry.services(),
): Promise<Array<{ service: ResourceService; error: unknown }>> {
  const failed: Array<{ service: ResourceService; error: unknown }> = [];
  let unavailable: ServiceUnavailableError | undefined;
  for (const service of services) {
    if (unavailable) {
      failed.push({ service, error: unavailable });
      continue;
    }
    try {
      await ensureIndexesOf(service, documents);
    } catch (error) {
      failed.push({ service, error });
      if (error instanceof ServiceUnavailableError) unavailable = error;
    }
  }
  return failed;
}

async function ensureIndexesOf(service: ResourceService, documents: DocumentStore) {
  const { datasource, indexes, uniqueFields } = service.definition;
  const unique = uniqueFields.map((field) => ({
    name: `unique_${field}`,
    keys: { [field]: 1 as const },
    unique: true,
  }));
  await documents.collection(datasource.source).ensureIndexes([...indexes, ...unique]);
  await service.versions?.ensureIndexes();
}

/**
 * `ensureResourceIndexes`, then, for what failed, again in the background (backoff `retryMs`)
 * until every index exists or `stop` is called. Resolves after the first attempt.
 */
export async function keepEnsuringIndexes(
  registry: ResourceRegistry,
  documents: DocumentStore,
  { log, retryMs = RETRY_MS }: { log: Logger; retryMs?: readonly number[] },
): Promise<{ stop(): void; done: Promise<void> }> {
  let failed = await ensureResourceIndexes(registry, documents);
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake = () => {};
  const done = (async () => {
    for (let attempt = 0; failed.length > 0 && !stopped; attempt++) {
      log.warn("could not create indexes now; trying again", {
        resources: failed.map(({ service }) => service.definition.name),
        error: failed[0]!.error,
      });
      await new Promise<void>((resolve) => {
        wake = resolve;
        timer = setTimeout(resolve, retryMs[Math.min(attempt, retryMs.length - 1)]);
      });
      if (stopped) return;
      failed = await ensureResourceIndexes(registry, documents, failed.map((f) => f.service));
    }
  })();
  return {
    stop() {
      stopped = true;
      clearTimeout(timer);
      wake();
    },
    done,
  };
}
