/**
 * A search index answering every search with one recorded Elasticsearch answer, parsed anew each
 * time as the real exchange parses it: what is left to time is our code around the search.
 * Not a test.
 */
import type { SearchHit } from "../../src/search/search_index.ts";

/** `search` with its `search` replaced by replays of `answer` (hits of `resource`). */
export function replayedSearch<T extends object>(
  search: T,
  answer: Uint8Array,
  resource: string,
): T {
  const decoder = new TextDecoder();
  return {
    ...search,
    search: () => {
      const { hits } = JSON.parse(decoder.decode(answer));
      return Promise.resolve({
        total: hits.total,
        hits: hits.hits.map((hit: { _id: string; _source: Record<string, unknown> }) => {
          const { _resource: _, ...source } = hit._source;
          source._id = hit._id;
          return { _id: hit._id, _resource: resource, _source: source } as SearchHit;
        }),
      });
    },
  };
}
