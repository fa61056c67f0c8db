/**
 * `indexResources`: the resource of a concrete index name (`{prefix}_{resource}_{n}`), as each
 * search hit's `_index` is read, remembered per name and still right past its bound (forgotten
 * names are worked out again); one prefix's names never answer for another's (a tenant's prefix
 * may begin with another's: `sd` and `sd_test` both read `sd_test_archive_1`).
 */
import assert from "node:assert/strict";
import { indexResources } from "../../src/search/elastic/elastic_indices.ts";

Deno.test("indexResources names the resource of each concrete index, past its bound too", () => {
  const resourceOf = indexResources("sd_test");
  const cases: Array<[string, string]> = [
    ["sd_test_archive_1", "archive"],
    ["sd_test_archive_12", "archive"],
    ["sd_test_bench_stories_3", "bench_stories"],
    ["sd_test_items_v2_7", "items_v2"],
    ["sd_test_archive_1", "archive"],
  ];
  for (const [index, resource] of cases) assert.equal(resourceOf(index), resource, index);
  for (let n = 1; n <= 2500; n++) assert.equal(resourceOf(`sd_test_r${n % 7}_${n}`), `r${n % 7}`);
  for (const [index, resource] of cases) assert.equal(resourceOf(index), resource, index);
});

Deno.test("indexResources of two prefixes keep their own answers for the same index name", () => {
  const short = indexResources("sd");
  const long = indexResources("sd_test");
  assert.equal(short("sd_test_archive_1"), "test_archive");
  assert.equal(long("sd_test_archive_1"), "archive");
  assert.equal(short("sd_test_archive_1"), "test_archive");
});
