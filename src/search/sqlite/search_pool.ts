/**
 * A pool of search threads (`search_thread.ts`, Web Workers) for the embedded index: node:sqlite
 * is synchronous, so a search run on the API thread holds its event loop for as long as SQLite
 * works (a `q` of a few hundred wildcards: seconds), and no other request is served meanwhile.
 * Each thread has its own read-only connection to the index's file (WAL: readers run beside the
 * writer and one another); writes stay on the calling thread.
 *
 * Jobs wait in one FIFO queue for a free thread (threads are started as jobs need them, up to
 * `threads`); past `queueLimit` waiting jobs a search is refused with a 503 and `Retry-After`.
 * A job running longer than `timeoutMs` (from when its thread takes it up) is answered with a
 * 503 at once: Elasticsearch's client gives up on a search after 30 s and we answer that with a
 * 503 (a timed-out engine, `elastic_search_call.ts`), so both engines answer alike; a 400 would
 * blame a query that may pass on a less loaded server. SQLite cannot be
 * interrupted from another thread through node:sqlite (no `sqlite3_interrupt`, no progress
 * handler), and `terminate()` takes effect only once the running statement returns, so the
 * thread is retired instead: replaced by a new one for the next jobs, and terminated when its
 * job ends (its answer dropped). Retired threads still hold a core, so at most `threads` of them
 * are replaced at a time: past that the pool runs with fewer threads until one ends. A thread
 * that fails (an uncaught error, it could not start) answers its job with a 503 and is replaced.
 */
import { ServiceUnavailableError } from "../../errors.ts";
import type {
  SearchJob,
  SearchReply,
  SearchThreadClose,
  SearchThreadStart,
  SearchWork,
} from "./search_thread.ts";
import { fromWire } from "./wire_error.ts";

const WORKER_URL = new URL("../../../workers/search_worker.ts", import.meta.url);

/** Options of `createSearchPool`. */
export interface SearchPoolOptions {
  /** The index's database file (not `:memory:`: a thread cannot share it). */
  path: string;
  prefix: string;
  busyTimeoutMs: number;
  /** Most threads searching at once. */
  threads: number;
  /** Longest a job runs before it is answered with a 503 and its thread retired. */
  timeoutMs: number;
  /** Most jobs waiting for a thread; further ones are refused with a 503. */
  queueLimit: number;
  /** The worker's module (tests give one that can be made to fail). */
  workerUrl?: URL;
}

/** Runs read jobs in the pool's threads. */
export interface SearchPool {
  run(work: SearchWork): Promise<unknown>;
  /**
   * Resolves once no retired thread is left running (tests: before closing, so no thread
   * outlives the test).
   */
  settled(): Promise<void>;
  /**
   * Refuses waiting jobs and jobs under way, closes the idle threads' connections, terminates
   * every thread.
   */
  close(): Promise<void>;
}

interface Job {
  id: number;
  work: SearchWork;
  resolve(value: unknown): void;
  reject(error: unknown): void;
}

interface Thread {
  worker: Worker;
  job?: Job;
  timer?: ReturnType<typeof setTimeout>;
}

/** Seconds a refused search suggests waiting (`Retry-After`). */
const RETRY_AFTER_SECONDS = 1;

/** Starts no thread until the first job. */
export function createSearchPool(options: SearchPoolOptions): SearchPool {
  const { threads, timeoutMs, queueLimit, workerUrl = WORKER_URL } = options;
  const idle: Thread[] = [];
  const busy = new Set<Thread>();
  const retired = new Set<Worker>();
  const queue: Job[] = [];
  let settledWaiters: Array<() => void> = [];
  let nextId = 0;
  let closed = false;

  const spawn = (): Thread => {
    const worker = new Worker(workerUrl.href, { type: "module" });
    const start: SearchThreadStart = {
      type: "start",
      path: options.path,
      prefix: options.prefix,
      busyTimeoutMs: options.busyTimeoutMs,
    };
    worker.postMessage(start);
    const thread: Thread = { worker };
    worker.onmessage = ({ data }: MessageEvent<SearchReply>) => {
      const job = thread.job;
      if (job && "started" in data && data.started === job.id) {
        thread.timer = setTimeout(() => expire(thread), timeoutMs);
        return;
      }
      if (!job || !("id" in data) || job.id !== data.id) return;
      finish(thread);
      if (data.ok) job.resolve(data.value);
      else job.reject(fromWire(data.error));
      idle.push(thread);
      dispatch();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      const job = thread.job;
      finish(thread);
      worker.terminate();
      job?.reject(
        new ServiceUnavailableError(`The search thread failed: ${event.message}`, {
          retryAfterSeconds: RETRY_AFTER_SECONDS,
        }),
      );
      const at = idle.indexOf(thread);
      if (at >= 0) idle.splice(at, 1);
      dispatch();
    };
    return thread;
  };

  /** The thread's job is over: its timer cleared, the thread no longer busy. */
  const finish = (thread: Thread) => {
    clearTimeout(thread.timer);
    thread.job = undefined;
    busy.delete(thread);
  };

  /** The job ran past the limit: answered now, its thread retired until the job ends. */
  const expire = (thread: Thread) => {
    const job = thread.job!;
    finish(thread);
    const { worker } = thread;
    retired.add(worker);
    const end = () => {
      worker.terminate();
      retired.delete(worker);
      if (retired.size === 0) { for (const resolve of settledWaiters.splice(0)) resolve(); }
      dispatch();
    };
    worker.onmessage = ({ data }: MessageEvent<SearchReply>) => {
      if (!("started" in data)) end();
    };
    worker.onerror = (event) => {
      event.preventDefault();
      end();
    };
    job.reject(
      new ServiceUnavailableError(
        `The search ran longer than ${timeoutMs} ms (SEARCH_TIMEOUT_SECONDS) and was cancelled`,
        { retryAfterSeconds: RETRY_AFTER_SECONDS },
      ),
    );
    dispatch();
  };

  /** Closes an idle thread's connection, then terminates it. */
  const closeThread = (worker: Worker) =>
    new Promise<void>((resolve) => {
      const end = () => {
        worker.terminate();
        resolve();
      };
      worker.onmessage = ({ data }: MessageEvent<SearchReply>) => {
        if ("closed" in data) end();
      };
      worker.onerror = (event) => {
        event.preventDefault();
        end();
      };
      worker.postMessage({ type: "close" } satisfies SearchThreadClose);
    });

  /** Gives waiting jobs to free threads, starting threads up to the limits. */
  const dispatch = () => {
    while (!closed && queue.length) {
      let thread = idle.pop();
      if (!thread) {
        const running = busy.size + idle.length;
        // A retired thread still holds a core: replace at most `threads` of them.
        if (running >= threads || running + retired.size >= 2 * threads) return;
        thread = spawn();
      }
      const job = queue.shift()!;
      thread.job = job;
      busy.add(thread);
      thread.worker.postMessage({ ...job.work, type: "job", id: job.id } satisfies SearchJob);
    }
  };

  return {
    run(work) {
      if (closed) return Promise.reject(new ServiceUnavailableError("The search index is closed"));
      const { promise, resolve, reject } = Promise.withResolvers<unknown>();
      queue.push({ id: nextId++, work, resolve, reject });
      dispatch();
      if (queue.length > queueLimit) {
        queue.pop();
        reject(
          new ServiceUnavailableError(
            `${queueLimit} searches are waiting for a search thread (SEARCH_QUEUE); try again`,
            { retryAfterSeconds: RETRY_AFTER_SECONDS },
          ),
        );
      }
      return promise;
    },
    settled() {
      if (retired.size === 0) return Promise.resolve();
      return new Promise((resolve) => settledWaiters.push(resolve));
    },
    close() {
      closed = true;
      const refused = new ServiceUnavailableError("The search index is closed");
      for (const job of queue.splice(0)) job.reject(refused);
      for (const thread of [...busy]) {
        const job = thread.job;
        finish(thread);
        thread.worker.terminate();
        job?.reject(refused);
      }
      for (const worker of retired) worker.terminate();
      retired.clear();
      for (const resolve of settledWaiters.splice(0)) resolve();
      settledWaiters = [];
      return Promise.all(idle.splice(0).map(({ worker }) => closeThread(worker))).then(() => {});
    },
  };
}
