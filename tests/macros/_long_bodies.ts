/**
 * Long bodies built to make a backtracking pattern blow up (a run of digits, of spaces, of full
 * stops, of `<`), and the check that every built-in text macro's CPU time grows linearly on
 * them (tests/_linear_growth.ts), naming the macros that do not. Sizes are ones at which a
 * quadratic or cubic pattern still ends in seconds.
 */
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

/** The bodies by kind. */
export const BODIES: Record<string, Growth> = {
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

/**
 * Undefined when all macros together grow linearly on the body of `kind`; else which of them do
 * not, each measured alone. `stage` hears what is measured next.
 */
export async function superlinearMacros(
  kind: string,
  stage: (name: string) => void,
): Promise<string | undefined> {
  const growth = BODIES[kind]!;
  stage("all macros together");
  if (!await superlinearGrowth(kind, running(macros), growth)) return undefined;
  const slow: string[] = [];
  for (const macro of macros) {
    stage(macro.name);
    const problem = await superlinearGrowth(macro.name, running([macro]), growth);
    if (problem) slow.push(problem);
  }
  return `on a long body of ${kind}: ${slow.join("; ") || "all macros together"}`;
}
