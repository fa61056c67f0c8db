/**
 * Local directory polling (Superdesk's FileFeedingService,
 * `superdesk/io/feeding_services/file_service.py`): files with the parser's extensions, oldest
 * first; once a file's items are stored it is moved aside into `_PROCESSED/` (or `_ERROR/` when
 * it failed) inside the same directory, so it is never read twice.
 */
import { IngestError } from "../ingest_error.ts";
import { AGENCY_FILE_PARSERS } from "../parsers/parser_registry.ts";
import {
  configOf,
  configString,
  failedPayload,
  type FeedBatch,
  type FeedingService,
  type PollContext,
} from "./feeding_service.ts";

const FILES_PER_POLL = 100;
const MAX_FILE_BYTES = 64 * 1024 * 1024;

/** The `file` service. */
export const fileService: FeedingService = {
  name: "file",
  label: "File feed",
  parsers: [...AGENCY_FILE_PARSERS, "email_rfc822"],
  fields: [
    {
      id: "path",
      type: "text",
      label: "Server Folder",
      placeholder: "path to folder",
      required: true,
    },
  ],
  async test(provider) {
    await directory(configString(configOf(provider), "path"));
  },
  poll(context) {
    return pollDirectory(context);
  },
};

async function directory(path: string | undefined): Promise<string> {
  if (!path) throw new IngestError(2001, "config.path is required");
  let info: Deno.FileInfo;
  try {
    info = await Deno.stat(path);
  } catch (error) {
    throw new IngestError(3003, `${path}: ${(error as Error).message}`, { cause: error });
  }
  if (!info.isDirectory) throw new IngestError(3004, `${path} is not a directory`);
  return path.replace(/\/+$/, "");
}

async function* pollDirectory(context: PollContext): AsyncGenerator<FeedBatch> {
  const parser = context.parser;
  if (!parser) throw new IngestError(2000, "the file service needs a feed parser");
  const path = await directory(configString(configOf(context.provider), "path"));
  const files: { name: string; mtime: number }[] = [];
  for await (const entry of Deno.readDir(path)) {
    if (!entry.isFile) continue;
    const dot = entry.name.lastIndexOf(".");
    if (dot <= 0 || !parser.extensions.includes(entry.name.slice(dot).toLowerCase())) continue;
    const info = await Deno.stat(`${path}/${entry.name}`);
    files.push({ name: entry.name, mtime: info.mtime?.getTime() ?? 0 });
  }
  files.sort((a, b) => a.mtime - b.mtime || (a.name < b.name ? -1 : 1));
  for (const file of files.slice(0, FILES_PER_POLL)) {
    context.signal.throwIfAborted();
    const source = `${path}/${file.name}`;
    let result;
    try {
      const info = await Deno.stat(source);
      if (info.size === 0) continue;
      if (info.size > MAX_FILE_BYTES) throw new Error(`larger than ${MAX_FILE_BYTES} bytes`);
      result = parser.parse(await Deno.readFile(source), {
        source: typeof context.provider.source === "string" ? context.provider.source : undefined,
        config: configOf(context.provider),
        name: file.name,
      });
    } catch (error) {
      if (error instanceof Deno.errors.NotFound) continue;
      result = failedPayload(error, 1002);
    }
    yield {
      name: file.name,
      result,
      async commit(failed) {
        const target = `${path}/${failed ? "_ERROR" : "_PROCESSED"}`;
        await Deno.mkdir(target, { recursive: true });
        try {
          await Deno.rename(source, `${target}/${file.name}`);
        } catch (error) {
          // Another poller moved it first (after a lock lease was lost): nothing to do.
          if (!(error instanceof Deno.errors.NotFound)) throw error;
        }
      },
    };
  }
}
