/**
 * What a seam reports about its engine, for `/ready`, `superdesk check` and start-up logs.
 */

import { TIMED_OUT, within } from "../deadline.ts";

/** The result of pinging one engine. */
export interface EngineStatus {
  /** The seam: documents, search, queue, bus, media (S3). */
  seam: string;
  /** The engine name: mongodb, elasticsearch, redis, sqlite, memory. */
  engine: string;
  ok: boolean;
  /** The server's version when reachable. */
  version?: string;
  latencyMs?: number;
  /** Why it is not reachable. */
  error?: string;
}

/** Times `probe` and turns its outcome (a version string or a thrown error) into a status. */
export async function measureStatus(
  seam: string,
  engine: string,
  probe: () => Promise<string>,
  { timeoutMs = 2000 }: { timeoutMs?: number } = {},
): Promise<EngineStatus> {
  const started = performance.now();
  try {
    const version = await within(probe(), timeoutMs);
    if (version === TIMED_OUT) throw new Error(`no answer within ${timeoutMs} ms`);
    return { seam, engine, ok: true, version, latencyMs: round(performance.now() - started) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      seam,
      engine,
      ok: false,
      error: message,
      latencyMs: round(performance.now() - started),
    };
  }
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
