/**
 * Runs a built-in macro's callback directly, as Superdesk's unit tests call theirs: the
 * conversion and text macros read nothing from their context, so they get an empty one.
 */
import type { Doc, Macro, MacroContext, MacroOutput } from "../../src/app_api.ts";

/** `macro` run on `item`. */
export async function runMacro(macro: Macro, item: Doc): Promise<MacroOutput> {
  return await macro.callback(item, {} as MacroContext);
}
