/** The Jinja subset of templates: values, filters, conditions, loops, and failures to skip. */
import assert from "node:assert/strict";
import { templateFilters } from "../../src/content/template_rendering.ts";
import { renderTemplate } from "../../src/content/template_language.ts";

const filters = templateFilters("Europe/Prague");
const render = (source: string, context: Record<string, unknown> = {}) =>
  renderTemplate(source, context, filters);

Deno.test("expressions, attribute access and filters render", () => {
  const item = { slugline: "budget", dateline: { text: "Prague" }, tags: ["a", "b"] };
  assert.equal(render("{{ 'foo' }} {{ 42 }}"), "foo 42");
  assert.equal(
    render("{{ item.slugline | upper }} ex {{ item.dateline['text'] }}", { item }),
    "BUDGET ex Prague",
  );
  assert.equal(render("[{{ item.missing }}]", { item }), "[]");
  assert.equal(
    render("{{ item.versioncreated | format_datetime(date_format='%d %b %Y %H:%M') }}", {
      item: { versioncreated: "2015-01-01T22:54:53+0000" },
    }),
    "01 Jan 2015 23:54",
  );
  assert.equal(
    render(
      "{{ when | format_datetime(date_format='%H:%M %Z') }} {{ when | format_datetime('America/New_York', '%Z') }} {{ when | format_datetime('Asia/Tokyo', '%Z') }}",
      {
        when: "2015-07-01T10:00:00+0000",
      },
    ),
    "12:00 CEST EDT GMT+9",
    "zones are named as Python names them, GMT+n where none has an abbreviation",
  );
  assert.equal(
    render("{{ when | format_datetime('UTC', '%Y-%m-%dT%H:%M') }}", {
      when: new Date(Date.UTC(2020, 5, 1, 8, 5)),
    }),
    "2020-06-01T08:05",
  );
  assert.equal(
    render("{{ now | iso_datetime }}", { now: new Date(Date.UTC(2020, 0, 2)) }),
    "2020-01-02T00:00:00+00:00",
  );
  assert.equal(
    render("{{ body | first_paragraph }}", { body: "<p></p><p>One</p><p>Two</p>" }),
    "<p>One</p>",
  );
  assert.equal(render("{{ body | get_text }}", { body: "<p>a &amp; b</p>" }), "a & b");
  assert.equal(
    render(`{{ h|e }} {{ h | escape }} [{{ missing|e }}]`, { h: `<b>"Tom" & 'Jerry'</b>` }),
    "&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39;&lt;/b&gt; " +
      "&lt;b&gt;&#34;Tom&#34; &amp; &#39;Jerry&#39;&lt;/b&gt; []",
    "Jinja's escape, as MarkupSafe writes it",
  );
  assert.equal(
    render(`{{ yes|e }} {{ none|e }} {{ n|e }} {{ tags|e }}`, {
      yes: true,
      none: null,
      n: 3,
      tags: ["<a>"],
    }),
    "True None 3 [&#34;&lt;a&gt;&#34;]",
    "escape shows a value as output does, then escapes it",
  );
  // A failure past the template language's own errors is still a failed render, never a throw.
  assert.equal(render(`{{ ${"(".repeat(20_000)}1${")".repeat(20_000)} }}`), undefined);
  assert.equal(render("{{ now|add_timedelta(days='x') }}", { now: new Date() }), undefined);
  assert.equal(
    render("{{ now | add_timedelta(days=1) | iso_datetime }}", {
      now: new Date(Date.UTC(2020, 0, 2)),
    }),
    "2020-01-03T00:00:00+00:00",
  );
});

Deno.test("if, elif, else and for blocks", () => {
  const source = "{% if n == 1 %}one{% elif n > 1 and not big %}some{% else %}many{% endif %}";
  assert.equal(render(source, { n: 1 }), "one");
  assert.equal(render(source, { n: 2, big: false }), "some");
  assert.equal(render(source, { n: 2, big: true }), "many");
  assert.equal(
    render("{% for item in items %}<h2>{{ item.headline }}</h2>{% endfor %}", {
      items: [{ headline: "A" }, { headline: "B" }],
    }),
    "<h2>A</h2><h2>B</h2>",
  );
  assert.equal(render("{# note #}{% if 'b' in tags %}yes{% endif %}", { tags: ["a", "b"] }), "yes");
});

Deno.test("undefined attributes and syntax errors make the field fail (skipped)", () => {
  assert.equal(render("{{ item.something.missing }}", { item: {} }), undefined);
  assert.equal(render("{% if something %}"), undefined);
  assert.equal(render("{{ x | nosuchfilter }}"), undefined);
  assert.equal(render("{{ 'open }}"), undefined);
  assert.equal(render("{% for x %}{% endfor %}"), undefined);
  assert.equal(render("{{ a }"), undefined);
});

Deno.test("a template past its work limits fails (skipped) instead of holding the server", () => {
  const items = Array.from({ length: 200 }, (_, i) => i);
  // Two loops over 200: 40,000 iterations, within the limits.
  const two = "{% for a in items %}{% for b in items %}.{% endfor %}{% endfor %}";
  assert.equal(render(two, { items })?.length, 40_000);
  // Three: 8 million iterations (about 12 s before the limit): refused.
  const three = "{% for a in items %}{% for b in items %}{% for c in items %}.{% endfor %}" +
    "{% endfor %}{% endfor %}";
  assert.equal(render(three, { items }), undefined);
  // Few nodes writing much: refused by its output.
  const big = "x".repeat(100_000);
  assert.equal(render("{% for a in items %}{{ big }}{% endfor %}", { items, big }), undefined);
  assert.equal(render("{% for a in items %}{{ big }}{% endfor %}", { items: [1], big }), big);
});
