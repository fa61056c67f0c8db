/**
 * Checks the built-in text macros on one long body (tests/macros/_long_bodies.ts) in a thread of
 * its own, so that the test can watch that thread's CPU time and give up on a pattern that
 * backtracks without end. Posts its thread id, each stage before it starts, then the outcome.
 */
import { threadId } from "../_thread_cpu.ts";
import { superlinearMacros } from "./_long_bodies.ts";

const scope = self as unknown as Worker;

scope.onmessage = async ({ data: kind }: MessageEvent<string>) => {
  scope.postMessage({ thread: threadId() });
  const problem = await superlinearMacros(kind, (stage) => scope.postMessage({ stage }));
  scope.postMessage({ done: true, problem });
};
