/**
 * `superdesk index:check [resource]` (drift between the document store and the search index,
 * by `_etag`; `--fix` repairs it) and `superdesk index:rebuild [resource]` (a new index from the
 * store, alias swapped with no downtime, progress with docs/s on stderr).
 */
import type { AppCommand, ParsedFlags, ServiceContext } from "../app_api.ts";
import { UsageError } from "../errors.ts";
import { printLine } from "../log.ts";
import { createProgressBar } from "./progress_bar.ts";
import { checkDrift, hasDrift } from "./reconcile.ts";
import { rebuildIndex } from "./rebuild_index.ts";
import { searchBackedDefinitions } from "./resource_mapping.ts";

function chosen(services: ServiceContext, args: ParsedFlags) {
  if (args.positional.length > 1) throw new UsageError("give at most one resource");
  try {
    return searchBackedDefinitions(services.registry, args.positional[0]);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

function batchSize(args: ParsedFlags): number {
  const raw = args.flags["batch-size"];
  const n = raw === undefined ? 500 : Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    throw new UsageError("--batch-size must be a positive integer");
  }
  return n;
}

/** Refused documents `index:check` lists one by one. */
const REFUSED_SHOWN = 20;

/** `index:check`; the indexing app declares it. */
export const indexCheckCommand: AppCommand = {
  name: "index:check",
  summary:
    "Compare stored documents with the search index by _etag; print missing, stale and orphan " +
    "counts per search-backed resource, and the documents the engine refuses for good (dead " +
    "letters, with its reasons); exit 1 when there is drift or a refused document.",
  usage: "[resource] [--fix] [--batch-size N]",
  flags: { fix: false, "batch-size": true },
  help: [
    "--fix           repair the drift found (index missing/stale documents, remove orphans)",
    "--batch-size N  documents read per batch (default 500)",
  ],
  async run(args, ctx) {
    const services = await ctx.services();
    let drift = false;
    for (const definition of chosen(services, args)) {
      const report = await checkDrift(services, definition, {
        fix: args.flags.fix === true,
        batchSize: batchSize(args),
      });
      drift ||= hasDrift(report);
      printLine(
        `${report.resource}: stored ${report.stored}, missing ${report.missing}, ` +
          `stale ${report.stale}, orphan ${report.orphan}` +
          (args.flags.fix === true ? `, repaired ${report.repaired}` : "") +
          `, refused ${report.refused.length}`,
      );
      for (const letter of report.refused.slice(0, REFUSED_SHOWN)) {
        printLine(`  refused ${letter.doc_id} (etag ${letter.etag}): ${letter.reason}`);
      }
      if (report.refused.length > REFUSED_SHOWN) {
        printLine(`  ... and ${report.refused.length - REFUSED_SHOWN} more refused`);
      }
    }
    return drift ? 1 : 0;
  },
};

/** `index:rebuild`; the indexing app declares it. */
export const indexRebuildCommand: AppCommand = {
  name: "index:rebuild",
  summary:
    "Rebuild the search index of each (or one) search-backed resource from the document store " +
    "and swap the alias: no downtime, no lost writes.",
  usage: "[resource] [--batch-size N] [--replace]",
  flags: { "batch-size": true, replace: false },
  help: [
    "--batch-size N  documents copied per batch (default 500)",
    "--replace       drop a rebuild left open by a crashed run instead of refusing",
  ],
  async run(args, ctx) {
    const services = await ctx.services();
    for (const definition of chosen(services, args)) {
      const bar = createProgressBar(definition.name);
      const result = await rebuildIndex(services, definition, {
        batchSize: batchSize(args),
        replace: args.flags.replace === true,
        onProgress: (p) => bar.update(p.done, p.total, p.elapsedMs),
      });
      bar.finish(result.documents, result.documents, result.elapsedMs);
      printLine(
        `${definition.name}: ${result.documents} documents into ${result.index} in ${
          Math.round(result.elapsedMs)
        } ms` +
          (result.refused
            ? `; ${result.refused} refused by the engine (listed by index:check)`
            : ""),
      );
    }
    return 0;
  },
};
