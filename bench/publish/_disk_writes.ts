/**
 * Bytes a process has caused to be written to storage so far (`write_bytes` of /proc/<pid>/io,
 * all its threads: the store's write-ahead logs, checkpoints, the task database), for the
 * publish bench's storage cost per item; 0 where /proc is not readable. Not a test.
 */

/** The bytes `pid` has written to storage so far. */
export async function storageWriteBytes(pid: number): Promise<number> {
  const text = await Deno.readTextFile(`/proc/${pid}/io`).catch(() => "");
  return Number(/^write_bytes: (\d+)$/m.exec(text)?.[1] ?? 0);
}
