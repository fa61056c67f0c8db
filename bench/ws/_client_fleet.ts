/**
 * The benchmark's load generator: the clients of one system split over several client
 * processes (`_client_process.ts`), driven over stdio. Tracks how many events they received in
 * all, collects their receipt latencies, and measures their CPU time.
 */
import { treeCpuSeconds } from "../api/_server_process.ts";
import { linesOf } from "../../tests/_lines.ts";
import type { System } from "./_client_pool.ts";
import { placeCommand } from "./_placement.ts";

/** The receipts collected since the last `take`. */
export interface Receipts {
  /** Every receipt's latency, ms. */
  latencies: number[];
  /** The slowest receipt of each event number, ms. */
  maxByK: Map<number, number>;
}

/** Running client processes. */
export interface ClientFleet {
  /** Resolves once `target` receipts arrived in all; rejects after `timeoutMs` without. */
  receivedAll(target: number, timeoutMs?: number): Promise<void>;
  take(): Promise<Receipts>;
  /** CPU seconds (user + system) the client processes have used so far. */
  cpuSeconds(): Promise<number>;
  close(): Promise<void>;
}

/** One client process and its stdio. */
interface ClientProcess {
  process: Deno.ChildProcess;
  writer: WritableStreamDefaultWriter<Uint8Array>;
  /** Waiting `take` answers, oldest first. */
  answers: Array<(value: Record<string, unknown>) => void>;
  ready: PromiseWithResolvers<void>;
  reading: Promise<void>;
  exited: Promise<void>;
}

const ENTRY = new URL("_client_process.ts", import.meta.url).pathname;
const DEV_CONFIG = new URL("../../deno.dev.json", import.meta.url).pathname;

/** Starts `processes` client processes sharing `clients` connections to `port`, on `cpus`
 * (`taskset -c` list) at `nice` if given; resolves when the server has registered every client. */
export async function startClientFleet(
  system: System,
  port: number,
  { clients, processes, cpus, nice }: {
    clients: number;
    processes: number;
    cpus?: string;
    nice?: number;
  },
): Promise<ClientFleet> {
  const children: ClientProcess[] = [];
  let received = 0;
  let waiter: { target: number; resolve: () => void } | undefined;
  for (let p = 0; p < processes; p++) {
    const first = Math.floor((clients * p) / processes);
    const count = Math.floor((clients * (p + 1)) / processes) - first;
    const line = placeCommand(Deno.execPath(), [
      "run",
      "-A",
      "--config",
      DEV_CONFIG,
      ENTRY,
      system,
      String(port),
      `${first}`,
      `${count}`,
    ], { cpus, nice });
    const process = new Deno.Command(line.command, {
      args: line.args,
      stdin: "piped",
      stdout: "piped",
      stderr: "inherit",
    }).spawn();
    const answers: Array<(value: Record<string, unknown>) => void> = [];
    const ready = Promise.withResolvers<void>();
    const exited = process.status.then(() => ready.reject(new Error(`a ${system} client exited`)));
    let last = 0;
    const reading = (async () => {
      for await (const line of linesOf(process.stdout)) {
        const message = JSON.parse(line);
        if (message.ready) ready.resolve();
        else if (typeof message.received === "number") {
          received += message.received - last;
          last = message.received;
          if (waiter && received >= waiter.target) waiter.resolve();
        } else if (message.latencies) answers.shift()?.(message);
      }
    })();
    children.push({ process, writer: process.stdin.getWriter(), answers, ready, reading, exited });
  }
  await Promise.all(children.map((child) => child.ready.promise));
  const send = (writer: WritableStreamDefaultWriter<Uint8Array>, command: unknown) =>
    writer.write(new TextEncoder().encode(JSON.stringify(command) + "\n"));
  return {
    receivedAll(target, timeoutMs = 60_000) {
      if (received >= target) return Promise.resolve();
      const { promise, resolve, reject } = Promise.withResolvers<void>();
      const timer = setTimeout(
        () => reject(new Error(`${system}: ${received}/${target} delivered`)),
        timeoutMs,
      );
      waiter = { target, resolve: () => (clearTimeout(timer), resolve()) };
      return promise;
    },
    async take() {
      const parts = await Promise.all(children.map((child) => {
        const answer = new Promise<Record<string, unknown>>((r) => child.answers.push(r));
        return send(child.writer, { take: true }).then(() => answer);
      }));
      const latencies: number[] = [];
      const maxByK = new Map<number, number>();
      for (const part of parts) {
        for (const latency of part.latencies as number[]) latencies.push(latency);
        for (const [k, max] of Object.entries(part.maxByK as Record<string, number>)) {
          maxByK.set(Number(k), Math.max(maxByK.get(Number(k)) ?? 0, max));
        }
      }
      return { latencies, maxByK };
    },
    async cpuSeconds() {
      const seconds = await Promise.all(children.map((c) => treeCpuSeconds(c.process.pid)));
      return seconds.reduce((sum, s) => sum + s, 0);
    },
    async close() {
      await Promise.all(children.map(async (child) => {
        await child.writer.close().catch(() => {});
        await child.reading.catch(() => {});
        await child.exited.catch(() => {});
      }));
    },
  };
}
