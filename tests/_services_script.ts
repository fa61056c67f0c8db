/**
 * Runs `scripts/services start|stop <service>` with extra environment (a dedicated instance on
 * a port of a test's own), failing with the script's error output.
 */

const SERVICES = new URL("../scripts/services", import.meta.url).pathname;

/** Runs the script; `start` returns once the service answers. */
export async function servicesScript(
  command: "start" | "stop",
  service: string,
  env: Record<string, string>,
): Promise<void> {
  const output = await new Deno.Command("bash", {
    args: [SERVICES, command, service],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  if (!output.success) {
    const text = new TextDecoder().decode(output.stderr);
    throw new Error(
      `scripts/services ${command} ${service} (${JSON.stringify(env)}) failed:\n${text}`,
    );
  }
}
