import assert from "node:assert/strict";
import { settleSubjectsAndCategories } from "../../src/ingest/subject_categories.ts";

const categories = [
  { qcode: "S", name: "Sport", subject: "15000000" },
  { qcode: "f", name: "Finance", subject: "04000000", translations: { name: { de: "Finanzen" } } },
  { qcode: "w", name: "Weather", subject: "99999999" },
];
const iptcCategoryMap = [
  { qcode: "04000000", category: "f" },
  { qcode: "15039000", category: "S" },
  { qcode: "15000000", category: "S" },
];

Deno.test("a feed's categories are named from the vocabulary and unknown ones dropped", () => {
  const item = { anpa_category: [{ qcode: "s" }, { qcode: "z" }], subject: [] };
  settleSubjectsAndCategories(item, { categories, iptcCategoryMap });
  assert.deepEqual(item.anpa_category, [{ qcode: "S", name: "Sport", scheme: "categories" }]);
  const kept = { anpa_category: [{ qcode: "z" }], subject: [] };
  settleSubjectsAndCategories(kept, { categories: null, iptcCategoryMap: null });
  assert.deepEqual(kept.anpa_category, [{ qcode: "z" }]);
});

Deno.test("a category given by name only is found by name; without the vocabulary dropped", () => {
  const item: Record<string, unknown> = {
    anpa_category: [{ name: " finance " }, { name: "Pets" }],
  };
  settleSubjectsAndCategories(item, { categories, iptcCategoryMap });
  assert.deepEqual(item.anpa_category, [{
    qcode: "f",
    name: "Finance",
    scheme: "categories",
    translations: { name: { de: "Finanzen" } },
  }]);
  assert.deepEqual(item.subject, [{ qcode: "04000000", name: "economy, business and finance" }]);
  const unnamed: Record<string, unknown> = { anpa_category: [{ name: "Finance" }, { qcode: "z" }] };
  settleSubjectsAndCategories(unnamed, { categories: null, iptcCategoryMap: null });
  assert.deepEqual(unnamed.anpa_category, [{ qcode: "z" }]);
});

Deno.test("an IPTC subject brings its parents, named from the IPTC list, once", () => {
  const item = {
    subject: [
      { qcode: "15039001", name: "F1" },
      { qcode: "15039002", name: "F3000" },
      { qcode: "15000000", name: "Sport!" },
      { qcode: "local", name: "Local", scheme: "mine" },
      { qcode: "99999999", name: "not IPTC" },
    ],
  };
  settleSubjectsAndCategories(item, { categories: null, iptcCategoryMap: null });
  assert.deepEqual(item.subject.map((s) => `${s.qcode} ${s.name}`), [
    "15039001 F1",
    "15039002 F3000",
    "15000000 Sport!",
    "local Local",
    "99999999 not IPTC",
    "15039000 motor racing",
  ]);
});

Deno.test("subjects without categories map to categories through iptc_category_map", () => {
  const item: Record<string, unknown> = { subject: [{ qcode: "15039001", name: "Formula One" }] };
  settleSubjectsAndCategories(item, { categories, iptcCategoryMap });
  assert.deepEqual(item.anpa_category, [{ qcode: "S", name: "Sport", scheme: "categories" }]);
  const finance: Record<string, unknown> = { subject: [{ qcode: "04001002", name: "x" }] };
  settleSubjectsAndCategories(finance, { categories, iptcCategoryMap });
  assert.deepEqual(finance.anpa_category, [{
    qcode: "f",
    name: "Finance",
    scheme: "categories",
    translations: { name: { de: "Finanzen" } },
  }]);
  const none: Record<string, unknown> = { subject: [{ qcode: "17000000", name: "weather" }] };
  settleSubjectsAndCategories(none, { categories, iptcCategoryMap });
  assert.equal(none.anpa_category, undefined);
});

Deno.test("categories without subjects give the subject their vocabulary entry names", () => {
  const item: Record<string, unknown> = { anpa_category: [{ qcode: "s" }] };
  settleSubjectsAndCategories(item, { categories, iptcCategoryMap: null });
  assert.deepEqual(item.subject, [{ qcode: "15000000", name: "sport" }]);
  // A subject the IPTC does not list is not given.
  const odd: Record<string, unknown> = { anpa_category: [{ qcode: "w" }] };
  settleSubjectsAndCategories(odd, { categories, iptcCategoryMap: null });
  assert.equal(odd.subject, undefined);
});
