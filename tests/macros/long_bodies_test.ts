/**
 * The built-in text macros on long bodies built to make a backtracking pattern blow up (a run of
 * digits, of spaces, of full stops, of `<`): their CPU time grows linearly with the body now
 * that their patterns are linear; it grew with its cube in the digits and its square in the rest
 * while they were not (3,000 digits took 22-86 s per macro, the server's thread answering no
 * one). Measured as a growth ratio from n to 16n in the thread's CPU time
 * (tests/_linear_growth.ts), at sizes where a quadratic or cubic pattern still ends in seconds.
 */
import assert from "node:assert/strict";
import type { Macro } from "../../src/app_api.ts";
import { builtinMacros } from "../../src/macros/builtin/builtin_macros.ts";
import { type Growth, superlinearGrowth } from "../_linear_growth.ts";

const macros = builtinMacros({ usdToCadRate: "2", templateMetadata: { exclude: [], override: [] } })
  .filter((macro) => macro.accessType === "frontend");

/** Runs `list` on `body` one after the other, as the client's macro menu would. */
const running = (list: Macro[]) => async (body: string) => {
  for (const macro of list) await macro.callback({ body_html: body }, {} as never);
};

/** `unit` `size` times between `head` and `tail`, the small size `n`. */
const runOf = (unit: string, n: number, head = "", tail = ""): Growth => ({
  make: (size) => head + unit.repeat(size) + tail,
  n,
});

const BODIES: Record<string, Growth> = {
  "digits": runOf("1", 32),
  "digits after a decimal point": runOf("2", 32, "1."),
  "spaces after a number": runOf(" ", 1_000, "1"),
  "full stops": runOf(".", 1_000),
  "unclosed tags": runOf("<", 1_000),
  "unclosed links": runOf("<a>", 300),
  "unclosed paragraph tags": runOf("<p <br ", 150, "", "\n>"),
  "a long dollar amount": runOf("9", 32, "$"),
  "comments": runOf("<!-- a -->", 100, "", "<!--"),
  "unclosed quoted values": runOf('<i title="', 100),
  "unclosed raw elements": runOf("<textarea>", 100),
  "links in quoted attributes": runOf('<i title="<a>x</a>">', 50),
};

for (const [kind, growth] of Object.entries(BODIES)) {
  Deno.test(`every text macro gets through a long body of ${kind} in linear time`, async () => {
    if (!await superlinearGrowth(kind, running(macros), growth)) return;
    const slow: string[] = [];
    for (const macro of macros) {
      const problem = await superlinearGrowth(macro.name, running([macro]), growth);
      if (problem) slow.push(problem);
    }
    assert.fail(`on a long body of ${kind}: ${slow.join("; ") || "all macros together"}`);
  });
}
