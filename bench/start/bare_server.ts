/**
 * The floor of `bench:start`: a Deno process that answers `GET /api` with a small JSON body from a
 * bare `Deno.serve` on PORT, nothing loaded. Stops on SIGTERM.
 */
const server = Deno.serve(
  { hostname: "127.0.0.1", port: Number(Deno.env.get("PORT")), onListen: () => {} },
  () => Response.json({ _links: { child: [] } }),
);
await new Promise<void>((resolve) => Deno.addSignalListener("SIGTERM", resolve));
await server.shutdown();
