/**
 * A local HTTP server for the upload-from-URL tests, on 127.0.0.1: answers by path, records the
 * `Host` each request named; `hang` paths answer only when the server closes.
 */

/** How a path is answered. */
export type UrlRoute = (request: Request) => Response;

/** The running server. */
export interface UrlServer {
  port: number;
  /** `http://127.0.0.1:<port><path>`. */
  url(path: string): string;
  /** The `Host` header of each request, in order. */
  hosts: string[];
  close(): Promise<void>;
}

/** Serves `routes` (and `hang`, paths that never answer while the server runs). */
export function urlServer(
  routes: Record<string, UrlRoute>,
  { hang = [] }: { hang?: string[] } = {},
): UrlServer {
  const hosts: string[] = [];
  const release = Promise.withResolvers<void>();
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, async (request) => {
    hosts.push(request.headers.get("host") ?? "");
    const path = new URL(request.url).pathname;
    if (hang.includes(path)) {
      await release.promise;
      return new Response(null, { status: 503 });
    }
    return routes[path]?.(request) ?? new Response("not here", { status: 404 });
  });
  const port = server.addr.port;
  return {
    port,
    url: (path) => `http://127.0.0.1:${port}${path}`,
    hosts,
    async close() {
      release.resolve();
      await server.shutdown();
    },
  };
}
