/**
 * Connection draining for graceful shutdown. Deno's `server.shutdown()` cancels the bodies of
 * requests still uploading, so before calling it we wait for the in-flight requests to finish;
 * meanwhile new requests get a JSON 503 with `Connection: close` (load balancers retry them
 * elsewhere).
 */
import { errorResponse } from "./error_body.ts";

type Handler = (request: Request, info: Deno.ServeHandlerInfo) => Response | Promise<Response>;

export interface Drainable {
  fetch: Handler;
  /** Refuses new requests and resolves when none is in flight (or after `timeoutMs`). */
  drain(timeoutMs: number): Promise<void>;
}

/** Wraps `handler` with in-flight accounting. */
export function drainable(handler: Handler): Drainable {
  let inFlight = 0;
  let draining = false;
  let idle: (() => void) | undefined;
  const settled = () => {
    inFlight--;
    if (inFlight === 0) idle?.();
  };
  // Made once, not per request.
  const answered = (response: Response) => {
    settled();
    return response;
  };
  const failed = (error: unknown) => {
    settled();
    throw error;
  };
  return {
    fetch(request, info) {
      if (draining) {
        const response = errorResponse(503, "The server is shutting down; retry the request");
        response.headers.set("Connection", "close");
        return response;
      }
      inFlight++;
      let answer: Response | Promise<Response>;
      try {
        answer = handler(request, info);
      } catch (error) {
        settled();
        throw error;
      }
      if (!(answer instanceof Promise)) {
        settled();
        return answer;
      }
      // One derived promise, no async frame: this wraps every request.
      return answer.then(answered, failed);
    },
    drain(timeoutMs) {
      draining = true;
      if (inFlight === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, timeoutMs);
        idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    },
  };
}
