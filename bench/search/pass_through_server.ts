/**
 * The pass-through floor of `bench:search`, run as its own process like our server: a bare
 * `Deno.serve` handler that forwards BENCH_BODY to `ELASTICSEARCH_URL/BENCH_ALIAS/_search` with
 * fetch and streams the answer back unparsed (no routing, auth, filters or rendering): the cost
 * of any HTTP hop in front of Elasticsearch on this machine. With BENCH_RECORDED=1 it answers
 * the text of one such answer, fetched at start, without asking Elasticsearch again: the floor of
 * the HTTP hop alone. Listens on HOST:PORT; stops on SIGTERM.
 */
const url = Deno.env.get("ELASTICSEARCH_URL");
const alias = Deno.env.get("BENCH_ALIAS");
const body = Deno.env.get("BENCH_BODY");
if (!url || !alias || !body) throw new Error("needs ELASTICSEARCH_URL, BENCH_ALIAS, BENCH_BODY");
const target = `${url}/${alias}/_search`;
const headers = { "Content-Type": "application/json", "Accept-Encoding": "identity" };
const recorded = Deno.env.get("BENCH_RECORDED") === "1"
  ? await (await fetch(target, { method: "POST", headers, body })).text()
  : undefined;
const json = { "Content-Type": "application/json" };
const server = Deno.serve(
  {
    hostname: Deno.env.get("HOST") ?? "127.0.0.1",
    port: Number(Deno.env.get("PORT") ?? 0),
    onListen: () => {},
  },
  async () => {
    if (recorded !== undefined) return new Response(recorded, { headers: json });
    const answer = await fetch(target, { method: "POST", headers, body });
    return new Response(answer.body, {
      status: answer.status,
      headers: json,
    });
  },
);
await new Promise<void>((resolve) => Deno.addSignalListener("SIGTERM", resolve));
await server.shutdown();
