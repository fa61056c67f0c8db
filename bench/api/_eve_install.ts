/**
 * Eve for the benchmark: a Python venv (gitignored, under `.cache/` by default) with Eve,
 * gunicorn and gevent at pinned versions, created on first use with `python3 -m venv` and pip.
 */

/** Versions installed into a new venv. */
export const EVE_REQUIREMENTS = [
  "eve==2.3.1",
  "gunicorn==27.0.1",
  "gevent==26.9.0",
  // gunicorn's gevent worker imports it without declaring it.
  "packaging==26.4",
];

/** A usable install. */
export interface EveInstall {
  gunicorn: string;
  /** e.g. `Eve 2.3.1, gunicorn 27.0.1, pymongo 4.20.1, gevent 26.9.0, Python 3.11.7` */
  versions: string;
}

/** Makes sure the venv at `dir` holds the requirements; throws with pip's output when not. */
export async function ensureEve(dir: string): Promise<EveInstall> {
  const python = `${dir}/bin/python3`;
  const hasEve = await run(python, ["-c", "import eve, gunicorn, gevent, packaging"]).then(
    () => true,
    () => false,
  );
  if (!hasEve) {
    await run("python3", ["-m", "venv", dir]);
    await run(`${dir}/bin/pip`, ["install", "--quiet", ...EVE_REQUIREMENTS]);
  }
  const versions = await run(python, [
    "-c",
    "import eve, gunicorn, pymongo, gevent, platform; print(f'Eve {eve.__version__}, " +
    "gunicorn {gunicorn.__version__}, pymongo {pymongo.version}, gevent {gevent.__version__}, " +
    "Python {platform.python_version()}')",
  ]);
  return { gunicorn: `${dir}/bin/gunicorn`, versions: versions.trim() };
}

async function run(command: string, args: string[]): Promise<string> {
  const output = await new Deno.Command(command, { args, stdout: "piped", stderr: "piped" })
    .output();
  const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
  if (!output.success) {
    throw new Error(`${command} ${args.join(" ")} failed: ${decode(output.stderr).trim()}`);
  }
  return decode(output.stdout);
}
