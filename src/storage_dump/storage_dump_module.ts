/**
 * The storage app: Superdesk's `storage:*` commands (`superdesk/commands/data_manipulation.py`)
 * over our document store. Its testing-mode route, `POST /api/restore_record`, is mounted by
 * the prepopulate module, behind the same reset gate (`restore_record_route.ts`).
 */
import { defineApp } from "../app_api.ts";
import { storageDumpCommand, storageListCommand } from "./dump_commands.ts";
import { storageRestoreCommand, storageRestoreRecordCommand } from "./restore_commands.ts";

/** The app; one of the core modules (`src/modules/core_apps.ts`). */
export const storageDumpApp = defineApp({
  name: "storage",
  commands: [
    storageDumpCommand,
    storageRestoreCommand,
    storageRestoreRecordCommand,
    storageListCommand,
  ],
  register() {},
});
