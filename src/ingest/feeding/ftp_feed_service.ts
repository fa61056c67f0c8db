/**
 * FTP directory polling (Superdesk's FTPFeedingService, `superdesk/io/feeding_services/ftp.py`):
 * lists the configured path, takes files with the parser's extensions (or `allowed_extension`)
 * oldest first, up to 100 per poll, and yields each file's items. Once a file's items are stored
 * it is moved to `ftp_move_path` (default `_PROCESSED`) or, when it failed, `move_path_error`
 * (default `_ERROR`) with `move`; deleted with `delete` (ours); otherwise left in place and
 * skipped next time by its modification time, kept in the provider's private state.
 */
import type { Doc } from "../../storage/document_store.ts";
import { FtpClient, FtpReplyError } from "../../net/ftp_client.ts";
import { asIngestError, IngestError } from "../ingest_error.ts";
import type { FeedParser } from "../parsers/feed_parser.ts";
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

/** The `ftp` service. */
export const ftpService: FeedingService = {
  name: "ftp",
  label: "FTP feed",
  parsers: AGENCY_FILE_PARSERS,
  fields: [
    { id: "host", type: "text", label: "Host", placeholder: "FTP Server URL", required: true },
    { id: "port", type: "text", label: "Port", placeholder: "21", required: false },
    { id: "username", type: "text", label: "Username", placeholder: "Username", required: false },
    { id: "password", type: "password", label: "Password", placeholder: "Password" },
    { id: "path", type: "text", label: "Path", placeholder: "FTP Server Path", required: false },
    { id: "move", type: "boolean", label: "Move items after ingestion", required: false },
    {
      id: "ftp_move_path",
      type: "text",
      label: "Move ingested items to",
      placeholder: "FTP Server Path, keep empty to use default path",
      show_expression: "provider.config.move === true",
    },
    {
      id: "move_path_error",
      type: "text",
      label: "Move *NOT* ingested items (i.e. on error) to",
      placeholder: "FTP Server Path, keep empty to use default path",
      show_expression: "provider.config.move === true",
    },
    { id: "delete", type: "boolean", label: "Delete items after ingestion", required: false },
    {
      id: "allowed_extension",
      type: "text",
      label: "Allowed file extensions",
      placeholder: "json,xml",
      required: false,
    },
  ],
  async test(provider) {
    const ftp = await connect(configOf(provider));
    try {
      await ftp.list(configString(configOf(provider), "path") ?? "");
    } catch (error) {
      throw asIngestError(error, 5000);
    } finally {
      await ftp.close();
    }
  },
  poll(context) {
    return pollFtp(context);
  },
};

async function* pollFtp(context: PollContext): AsyncGenerator<FeedBatch> {
  const config = configOf(context.provider);
  const parser = context.parser;
  if (!parser) throw new IngestError(5001, "the FTP service needs a feed parser");
  const path = (configString(config, "path") ?? "").replace(/\/+$/, "");
  const inPath = (name: string) => (path ? `${path}/${name}` : name);
  const move = config.move === true;
  const remove = !move && config.delete === true;
  const ftp = await connect(config);
  try {
    const processed = inPath(configString(config, "ftp_move_path") ?? "_PROCESSED");
    const failedDir = inPath(configString(config, "move_path_error") ?? "_ERROR");
    if (move) {
      await ftp.ensureDir(processed);
      await ftp.ensureDir(failedDir);
    }
    const since = context.state.last_processed_file_modify;
    const files = (await listFiles(ftp, path))
      .filter((file) => allowed(file.name, config, parser))
      .filter((file) => move || remove || !(since instanceof Date) || file.modify >= since)
      .slice(0, FILES_PER_POLL);
    for (const file of files) {
      context.signal.throwIfAborted();
      let result;
      try {
        const bytes = await ftp.retrieve(inPath(file.name));
        if (bytes.length === 0) continue;
        result = parser.parse(bytes, {
          source: stringOr(context.provider.source),
          config,
          name: file.name,
        });
      } catch (error) {
        result = failedPayload(error, error instanceof FtpReplyError ? 5000 : 1002);
      }
      yield {
        name: file.name,
        result,
        async commit(failed) {
          if (move) {
            await ftp.rename(inPath(file.name), `${failed ? failedDir : processed}/${file.name}`);
          } else if (remove) await ftp.delete(inPath(file.name));
          else context.state.last_processed_file_modify = file.modify;
        },
      };
    }
  } catch (error) {
    throw asIngestError(error, 5000);
  } finally {
    await ftp.close();
  }
}

/** The files of `path`, oldest first (then by name). */
async function listFiles(ftp: FtpClient, path: string) {
  const entries = await ftp.list(path);
  return entries
    .filter((entry) => entry.type === "file")
    .map((entry) => ({ name: entry.name, modify: entry.modify ?? new Date(0) }))
    .sort((a, b) => +a.modify - +b.modify || (a.name < b.name ? -1 : 1));
}

function allowed(name: string, config: Doc, parser: FeedParser): boolean {
  const configured = configString(config, "allowed_extension")?.split(",")
    .map((ext) => ext.trim().toLowerCase())
    .map((ext) => (ext.startsWith(".") ? ext : `.${ext}`));
  const extensions = configured ?? parser.extensions;
  const dot = name.lastIndexOf(".");
  return dot > 0 && extensions.includes(name.slice(dot).toLowerCase());
}

async function connect(config: Doc): Promise<FtpClient> {
  const host = configString(config, "host");
  if (!host) throw new IngestError(2001, "config.host is required");
  const [hostname, portText] = host.replace(/^ftp:\/\//, "").replace(/\/.*$/, "").split(":");
  const port = Number(configString(config, "port") ?? portText ?? 21);
  try {
    return await FtpClient.connect({
      host: hostname!,
      port,
      user: configString(config, "username"),
      password: configString(config, "password"),
    });
  } catch (error) {
    if (error instanceof FtpReplyError && error.code === 530) {
      throw new IngestError(5002, error.message, { cause: error });
    }
    if (error instanceof FtpReplyError) {
      throw new IngestError(5000, error.message, { cause: error });
    }
    throw new IngestError(5003, `${hostname}:${port}: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

function stringOr(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}
