/**
 * A load-proof check that a function runs in linear time. It compares the CPU time this thread
 * spends on an input of size k·n with k times its time on an input of size n: linear code gives
 * about 1, quadratic code about k, cubic k².
 *
 * The clock is the thread's own CPU time (tests/_thread_cpu.ts): the time other processes hold
 * the core is not counted, so a busy machine does not move the figure. Because that figure may
 * be off by one scheduler tick (10 ms at 100 Hz), each side is repeated until it measures at
 * least `MIN_NS`; each side is the least of several alternated runs, so a cache flushed by another
 * process or a garbage collection lands on one run only.
 */
import { threadCpuNanoseconds } from "./_thread_cpu.ts";

/** Each side is repeated until it takes this much CPU: five ticks, so a tick's error is ≤ 20%. */
const MIN_NS = 50_000_000;

/** A function under test: synchronous, or a promise awaited before the clock stops. */
export type Measured = (input: string) => unknown;

/** CPU nanoseconds of `times` calls of `f` on `input`. */
async function cpuNanoseconds(f: Measured, input: string, times: number): Promise<number> {
  const started = threadCpuNanoseconds();
  for (let i = 0; i < times; i++) {
    const out = f(input);
    if (out instanceof Promise) await out;
  }
  return threadCpuNanoseconds() - started;
}

/** How an input grows with its size, and the sizes to measure it at. */
export interface Growth {
  /** The input of size `size`. */
  make: (size: number) => string;
  /** The small size; the large is `n · k`. Small enough for quadratic code to end in seconds. */
  n: number;
  /** The size factor (default 16: quadratic code measures about 16, linear about 1). */
  k?: number;
}

/** How many calls of `f` on `input` take at least `MIN_NS` of CPU. */
async function callsToMeasure(f: Measured, input: string): Promise<number> {
  let times = 1;
  while (await cpuNanoseconds(f, input, times) < MIN_NS) times *= 2;
  return times;
}

/**
 * CPU time of one call of `f` on the input of size `n · k` over k calls on the input of size
 * `n`: about 1 for linear code, k for quadratic. Each side is run as many times as it takes to
 * measure (those runs also pay the compiler), then timed `runs` times alternately, least kept.
 */
async function growthRatio(f: Measured, { make, n, k = 16 }: Growth, runs = 3) {
  const small = make(n);
  const large = make(n * k);
  const smallTimes = await callsToMeasure(f, small);
  const largeTimes = await callsToMeasure(f, large);
  let smallBest = Infinity;
  let largeBest = Infinity;
  for (let run = 0; run < runs; run++) {
    smallBest = Math.min(smallBest, await cpuNanoseconds(f, small, smallTimes) / smallTimes);
    largeBest = Math.min(largeBest, await cpuNanoseconds(f, large, largeTimes) / largeTimes);
  }
  return largeBest / (k * Math.max(smallBest, 1e-3));
}

/**
 * Why `f` does not grow linearly on the input, or undefined when it does: the limit is √k (4 at
 * the default k = 16), a factor 4 above linear code and 4 below quadratic.
 */
export async function superlinearGrowth(
  name: string,
  f: Measured,
  growth: Growth,
): Promise<string | undefined> {
  const k = growth.k ?? 16;
  const ratio = await growthRatio(f, growth);
  if (ratio <= Math.sqrt(k)) return undefined;
  const sample = JSON.stringify(growth.make(growth.n).slice(0, 12));
  return `${name} ${sample}…: ${ratio.toFixed(2)}x from n=${growth.n} to ${k}n`;
}

/** Throws, naming the input, when `f` grows faster than linearly on it. */
export async function assertLinearGrowth(name: string, f: Measured, growth: Growth) {
  const problem = await superlinearGrowth(name, f, growth);
  if (problem) throw new Error(problem);
}
