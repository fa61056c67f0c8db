/**
 * Checks the built-in text macros on one long body (tests/macros/_long_bodies.ts) in a thread of
 * its own, so that the test can give up on a pattern that backtracks without end. Posts each
 * stage before it starts, then the outcome.
 */
import { superlinearMacros } from "./_long_bodies.ts";

const scope = self as unknown as Worker;

scope.onmessage = async ({ data: kind }: MessageEvent<string>) => {
  const problem = await superlinearMacros(kind, (stage) => scope.postMessage({ stage }));
  scope.postMessage({ done: true, problem });
};
