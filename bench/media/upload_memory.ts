/**
 * `deno task bench:upload-memory`: the server's peak resident memory (VmHWM) while CLIENTS
 * clients each upload a FILE_MB file at once to `POST /api/upload` (a multipart `media` file of
 * random bytes: no picture, so no renditions). Spawns `main.ts --role=api` on an empty DATA_DIR
 * as `deno task start` does; prints the idle RSS, the peak, and the answers' statuses (past
 * MEDIA_MAX_UPLOADS some are 503s). Not a test.
 *
 * Env: CLIENTS (8), FILE_MB (20), CHECKOUT (the server's checkout, this one by default: another
 * to compare), MEDIA_MAX_UPLOADS and MEDIA_MAX_BYTES (passed on).
 */
import { printLine } from "../../src/log.ts";
import { baseEnv, spawnServer } from "../api/_server_process.ts";
import { startTaskFlags } from "../api/_start_flags.ts";

const CLIENTS = Number(Deno.env.get("CLIENTS") ?? 8);
const FILE_MB = Number(Deno.env.get("FILE_MB") ?? 20);
const ROOT = Deno.env.get("CHECKOUT")?.replace(/\/?$/, "/") ??
  new URL("../../", import.meta.url).pathname;
const PASSWORD = "bench-upload-memory";

/** A /proc/<pid>/status field in MB. */
async function statusMb(pid: number, field: "VmRSS" | "VmHWM"): Promise<number> {
  const text = await Deno.readTextFile(`/proc/${pid}/status`);
  return Number(new RegExp(`${field}:\\s+(\\d+)`).exec(text)![1]) / 1024;
}

const dataDir = await Deno.makeTempDir({ prefix: "upload-memory-" });
const passed: Record<string, string> = {};
for (const name of ["MEDIA_MAX_UPLOADS", "MEDIA_MAX_BYTES"]) {
  const value = Deno.env.get(name);
  if (value !== undefined) passed[name] = value;
}
const server = await spawnServer({
  command: Deno.execPath(),
  args: ["run", ...startTaskFlags(ROOT), `${ROOT}main.ts`, "--role=api"],
  env: { ...baseEnv(), ...passed, DATA_DIR: dataDir, SUPERDESK_ADMIN_PASSWORD: PASSWORD },
});
try {
  const login = await fetch(`${server.origin}/api/auth_db`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ username: "admin", password: PASSWORD }),
  });
  const { token } = await login.json();
  const file = new Uint8Array(FILE_MB * 1024 * 1024);
  for (let at = 0; at < file.length; at += 65536) {
    crypto.getRandomValues(file.subarray(at, Math.min(at + 65536, file.length)));
  }
  // Settles the start-up's garbage before the idle figure.
  await new Promise((resolve) => setTimeout(resolve, 2000));
  const idle = await statusMb(server.pid, "VmRSS");
  const started = performance.now();
  const statuses = await Promise.all(Array.from({ length: CLIENTS }, async () => {
    const form = new FormData();
    form.append("media", new File([file], "clip.bin", { type: "application/octet-stream" }));
    const response = await fetch(`${server.origin}/api/upload`, {
      method: "POST",
      headers: { Authorization: `Basic ${btoa(`${token}:`)}` },
      body: form,
    });
    await response.body?.cancel();
    return response.status;
  }));
  const seconds = (performance.now() - started) / 1000;
  const peak = await statusMb(server.pid, "VmHWM");
  const counts: Record<number, number> = {};
  for (const status of statuses) counts[status] = (counts[status] ?? 0) + 1;
  printLine(
    `${CLIENTS} × ${FILE_MB} MB: idle RSS ${idle.toFixed(0)} MB, peak ${peak.toFixed(0)} MB ` +
      `(+${(peak - idle).toFixed(0)}), ${seconds.toFixed(1)} s, statuses ${JSON.stringify(counts)}`,
  );
} finally {
  await server.stop();
  await Deno.remove(dataDir, { recursive: true });
}
