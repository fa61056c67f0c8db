/**
 * Start-up index creation: a resource whose indexes fail does not stop the others', and what
 * failed is made in the background once the store lets it (a unique index missing until the next
 * start would be a uniqueness nobody enforces).
 */
import assert from "node:assert/strict";
import { ServiceUnavailableError } from "../../src/errors.ts";
import { createLogger } from "../../src/log.ts";
import { ensureResourceIndexes, keepEnsuringIndexes } from "../../src/resources/ensure_indexes.ts";
import type { ResourceRegistry } from "../../src/resources/resource_registry.ts";
import type { ResourceService } from "../../src/resources/resource_service.ts";
import type { DocumentStore, IndexSpec } from "../../src/storage/document_store.ts";

/** A service of resource `name` with one unique field. */
function service(name: string): ResourceService {
  return {
    definition: { name, datasource: { source: name }, indexes: [], uniqueFields: ["key"] },
  } as unknown as ResourceService;
}

/** A registry of `services` (all `ensureResourceIndexes` reads of it). */
function registry(services: ResourceService[]): ResourceRegistry {
  return { services: () => services } as unknown as ResourceRegistry;
}

/**
 * A store whose collection `name`'s index creation fails its first `failures[name]` times, with
 * a plain error, or with the store's 503 when `unavailable`.
 */
function store(failures: Record<string, number>, { unavailable = false } = {}) {
  const made = new Map<string, IndexSpec[]>();
  const attempts = new Map<string, number>();
  const documents = {
    collection: (name: string) => ({
      ensureIndexes(indexes: IndexSpec[]) {
        attempts.set(name, (attempts.get(name) ?? 0) + 1);
        if ((failures[name] ?? 0) >= attempts.get(name)!) {
          const message = `${name}: engine unavailable`;
          return Promise.reject(
            unavailable ? new ServiceUnavailableError(message) : new Error(message),
          );
        }
        made.set(name, indexes);
        return Promise.resolve();
      },
    }),
  } as unknown as DocumentStore;
  return { documents, made, attempts };
}

const log = createLogger({ level: "error" });

Deno.test("a resource whose indexes fail does not stop the others'", async () => {
  const { documents, made } = store({ first: Infinity });
  const failed = await ensureResourceIndexes(
    registry([service("first"), service("second")]),
    documents,
  );
  assert.deepEqual(failed.map(({ service }) => service.definition.name), ["first"]);
  assert.deepEqual(made.get("second")?.map((index) => index.name), ["unique_key"]);
});

Deno.test("once the store answers that it is unavailable, the resources left are not tried", async () => {
  const { documents, attempts } = store({ first: 1 }, { unavailable: true });
  const failed = await ensureResourceIndexes(
    registry([service("first"), service("second"), service("third")]),
    documents,
  );
  assert.deepEqual(failed.map(({ service }) => service.definition.name), [
    "first",
    "second",
    "third",
  ]);
  assert.ok(failed.every(({ error }) => error instanceof ServiceUnavailableError));
  assert.equal(attempts.get("first"), 1);
  assert.equal(attempts.has("second"), false, "each try would wait for the store again");
});

Deno.test("resources left untried while the store was unavailable get their indexes in the background", async () => {
  const { documents, made, attempts } = store({ first: 1 }, { unavailable: true });
  const indexing = await keepEnsuringIndexes(
    registry([service("first"), service("second")]),
    documents,
    { log, retryMs: [0] },
  );
  await indexing.done;
  assert.deepEqual(made.get("second")?.map((index) => index.name), ["unique_key"]);
  assert.deepEqual([attempts.get("first"), attempts.get("second")], [2, 1]);
});

Deno.test("indexes that failed at start are made in the background once they can be", async () => {
  const { documents, made, attempts } = store({ first: 2 });
  const indexing = await keepEnsuringIndexes(
    registry([service("first"), service("second")]),
    documents,
    {
      log,
      retryMs: [0],
    },
  );
  assert.equal(made.has("first"), false, "the first attempt failed");
  await indexing.done;
  assert.deepEqual(made.get("first")?.map((index) => index.name), ["unique_key"]);
  assert.equal(attempts.get("first"), 3);
  assert.equal(attempts.get("second"), 1, "what was made is not made again");
});

Deno.test("stopping ends the background attempts", async () => {
  const { documents, attempts } = store({ first: Infinity });
  const indexing = await keepEnsuringIndexes(registry([service("first")]), documents, {
    log,
    retryMs: [3_600_000],
  });
  indexing.stop();
  await indexing.done;
  assert.equal(attempts.get("first"), 1);
});
