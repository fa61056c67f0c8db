/**
 * Runs every built-in text macro on a body in a worker thread, naming each before it starts, so
 * a test can give up on a macro whose patterns backtrack without end (a blocked thread answers
 * nothing) and name it, instead of hanging with it.
 */
import { builtinMacros } from "../../src/macros/builtin/builtin_macros.ts";

const macros = builtinMacros({ usdToCadRate: "2", templateMetadata: { exclude: [], override: [] } })
  .filter((macro) => macro.accessType === "frontend");

const scope = self as unknown as Worker;

scope.onmessage = async (event: MessageEvent<string>) => {
  for (const macro of macros) {
    scope.postMessage({ running: macro.name });
    await macro.callback({ body_html: event.data }, {} as never);
  }
  scope.postMessage({ done: true });
};
