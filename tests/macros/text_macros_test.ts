/**
 * The text macros on the cases of Superdesk's unit tests (superdesk-core tests/macros/):
 * abstract_populator_test, currency_usd_to_cad_test, extract_html_tests,
 * take_key_validator_test.
 */
import assert from "node:assert/strict";
import { HttpError } from "../../src/app_api.ts";
import { extractHtml } from "../../src/macros/builtin/extract_html.ts";
import { populateAbstract } from "../../src/macros/builtin/populate_abstract.ts";
import { takeKeyValidator } from "../../src/macros/builtin/take_key_validator.ts";
import { usdToCad } from "../../src/macros/builtin/usd_to_cad.ts";
import { runMacro } from "./_run_macro.ts";

const FOUNTAIN = "Fountain of Time, or simply Time, is a sculpture by Lorado Taft, " +
  "measuring 126 feet 10 inches (38.66 m) in length, situated at the " +
  "western edge of the Midway Plaisance within Washington Park in " +
  "Chicago, Illinois, in the United States. This location is in the " +
  "Washington Park community area on Chicago's South Side.";

Deno.test("populate_abstract takes the body's first sentence, cut to 64 characters", async () => {
  const { item } = await runMacro(populateAbstract, { body_html: FOUNTAIN });
  assert.equal(item.abstract, "Fountain of Time, or simply Time, is a sculpture by Lorado Taft,");
});

Deno.test("populate_abstract cuts at a sentence end glued to the next one's markup", async () => {
  const { item } = await runMacro(populateAbstract, {
    body_html: "<p>First one.</p><p>Second one.</p>",
  });
  assert.equal(item.abstract, "First one.");
});

Deno.test("populate_abstract takes the text before cutting, at a word within 64", async () => {
  // Superdesk cuts this HTML at 64 characters, inside the link's tag (and splits its sentence at
  // the `.` of the `href`), leaving `<a href="https://example.` in the abstract.
  const { item } = await runMacro(populateAbstract, {
    body_html: '<p>The city council met late on Monday <a href="https://example.com/agenda">' +
      "night</a> to vote on the budget for the coming year.</p>",
  });
  assert.equal(item.abstract, "The city council met late on Monday night to vote on the budget");
  // A word across the limit is left out whole; a first word longer than it is cut at it.
  const across = await runMacro(populateAbstract, {
    body_html: `<p>${"word ".repeat(12)}boundary crossing</p>`,
  });
  assert.equal(across.item.abstract, `${"word ".repeat(12)}`.trimEnd());
  const long = await runMacro(populateAbstract, { body_html: `<p>${"x".repeat(80)}</p>` });
  assert.equal(long.item.abstract, "x".repeat(64));
});

Deno.test("populate_abstract says so when there is no body", async () => {
  const { item } = await runMacro(populateAbstract, {});
  assert.equal(item.abstract, "No body found to use for abstract...");
});

Deno.test("usd_to_cad converts at the rate given and answers the diff", async () => {
  const { item, diff } = await runMacro(usdToCad("2"), { body_html: "$100" });
  assert.deepEqual(diff, { "$100": "$100 (CAD 200)" });
  assert.equal(item.body_html, "$100 (CAD 200)");
  const grouped = await runMacro(usdToCad("1.5"), { headline: "$10000 deal" });
  assert.equal(grouped.item.headline, "$10000 (CAD 15,000) deal");
});

Deno.test("usd_to_cad converts any amount exactly, rounding half to even as Decimal does", async () => {
  const exact = await runMacro(usdToCad("1.3139"), { body_html: "$12345678901234567" });
  assert.deepEqual(exact.diff, {
    "$12345678901234567": "$12345678901234567 (CAD 16,220,987,508,332,098)",
  });
  const huge = await runMacro(usdToCad("2"), { body_html: `$${"9".repeat(30)}` });
  assert.equal(huge.item.body_html, `$${"9".repeat(30)} (CAD 1,${"999,".repeat(9)}998)`);
  const halves = await runMacro(usdToCad("1.5"), { body_html: "$3 and $5" });
  assert.deepEqual(halves.diff, { "$3": "$3 (CAD 4)", "$5": "$5 (CAD 8)" });
});

Deno.test("usd_to_cad without a rate refuses with a 503", async () => {
  await assert.rejects(runMacro(usdToCad(undefined), { body_html: "$100" }), (error) => {
    assert.ok(error instanceof HttpError);
    assert.equal(error.status, 503);
    return true;
  });
});

Deno.test("Extract Html Macro keeps links and paragraphs, drops every other tag", async () => {
  const { item } = await runMacro(extractHtml, {
    body_html: 'test <a href="www.sourcefabric.org">Sourcefabric</a> <br> <span>test <span/>',
  });
  assert.equal(
    item.body_html,
    '<p>test <a href="www.sourcefabric.org">Sourcefabric</a> </p><p>test </p>',
  );
});

Deno.test("Extract Html Macro makes no markup of what a comment or attribute held", async () => {
  // Each body holds an <img onerror> (or a link) only as comment or attribute text: inert.
  const bodies = [
    "<p>a<!-- >\n<img src=x onerror=alert(1)//\n--></p>",
    '<p><i title=">\n<img src=x onerror=alert(1)//\n">b</i></p>',
    '<p><i title=">x<a><img src=x onerror=alert(1)></a>">c</i></p>',
    '<p><i title="<a href=x onmouseover=alert(1)>t</a>">d</i></p>',
    '<p><i title=     \t   "><a href=x onmouseover=alert(1)>t</a>">e</i></p>',
    "<p><textarea><a href=x onmouseover=alert(1)>t</a></textarea>f</p>",
  ];
  for (const body_html of bodies) {
    const { item } = await runMacro(extractHtml, { body_html });
    const tags = String(item.body_html).match(/<[a-z!/][^>]*>?/gi) ?? [];
    assert.deepEqual(tags.filter((tag) => !/^<\/?p>$/.test(tag)), [], body_html);
  }
  const kept = await runMacro(extractHtml, {
    body_html: '<p>1 < 2 and <a href="x">link</a> <b title="a>b">bold</b>\nnext',
  });
  assert.equal(kept.item.body_html, '<p>1 &lt; 2 and <a href="x">link</a> bold</p><p>next</p>');
});

Deno.test("Extract Html Macro leaves an item without a body alone", async () => {
  const { item } = await runMacro(extractHtml, { headline: "h" });
  assert.deepEqual(item, { headline: "h" });
});

Deno.test("take_key_validator refuses a missing, empty or blank take key", async () => {
  for (const item of [{}, { anpa_take_key: "" }, { anpa_take_key: "  " }]) {
    await assert.rejects(runMacro(takeKeyValidator, { body_html: "$100", ...item }), {
      status: 400,
      message: "Take key cannot be empty!",
    });
  }
  const { item } = await runMacro(takeKeyValidator, { body_html: "$100", anpa_take_key: "Update" });
  assert.equal(item.anpa_take_key, "Update");
});
