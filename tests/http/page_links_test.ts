import assert from "node:assert/strict";
import { envelope } from "../../src/http/resources/render.ts";

const links = (query: string, page: number, maxResults: number, total: number) =>
  envelope([{}], {
    href: "items",
    title: "Items",
    page,
    maxResults,
    total,
    params: new URLSearchParams(query),
    defaultMaxResults: 25,
  })._links as Record<string, { href: string }>;

Deno.test("page links carry the page size, the filters and other parameters in Eve's order", () => {
  const first = links("max_results=10", 1, 10, 35);
  assert.deepEqual(
    [first.self!.href, first.next!.href, first.last!.href, first.prev],
    [
      "items?max_results=10",
      "items?max_results=10&page=2",
      "items?max_results=10&page=4",
      undefined,
    ],
  );
  const middle = links("page=2&max_results=25", 2, 25, 80);
  assert.deepEqual(
    [middle.self!.href, middle.next!.href, middle.last!.href, middle.prev!.href],
    ["items?page=2", "items?page=3", "items?page=4", "items"],
  );
  const filtered = links("x=a b&page=2&where={}&max_results=10", 2, 10, 30);
  assert.deepEqual(
    [filtered.self!.href, filtered.prev!.href],
    ["items?max_results=10&where=%7B%7D&page=2&x=a+b", "items?max_results=10&where=%7B%7D&x=a+b"],
  );
});
