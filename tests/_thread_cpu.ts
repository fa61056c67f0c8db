/**
 * CPU time of the calling thread, which load on the machine does not move the way it moves wall
 * time: `process.threadCpuUsage()` (the kernel's per-thread user and system time; it needs no
 * permission, where `/proc/thread-self` needs `--allow-all`, which the test task does not grant).
 * The kernel counts it in scheduler ticks (10 ms here), so a measure must span several ticks.
 * Where the runtime does not give it, it throws: a wall clock in its place would make every
 * timing test load-sensitive without saying so.
 */
import process from "node:process";

type ThreadCpuUsage = () => { user: number; system: number };

/** Nanoseconds of CPU this thread has used; throws where the runtime does not say. */
export function threadCpuNanoseconds(): number {
  const usage = (process as unknown as { threadCpuUsage?: ThreadCpuUsage }).threadCpuUsage;
  if (typeof usage !== "function") throw new Error("no thread CPU clock: process.threadCpuUsage");
  const { user, system } = usage();
  if (!Number.isFinite(user) || !Number.isFinite(system)) {
    throw new Error(`no thread CPU clock: threadCpuUsage gave ${user}, ${system}`);
  }
  return (user + system) * 1000;
}
