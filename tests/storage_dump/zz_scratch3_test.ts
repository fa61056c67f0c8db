import { engineTestApp } from "../_engine_app.ts";
import { suiteTest } from "../_app.ts";
import { loadRecord, restoreRecord } from "../../src/storage_dump/restore_record.ts";
const env = {
  SUPERDESK_TESTING: "true",
  STORAGE_DUMP_DIR: "/tmp/sdc/e2e/server/dump/full",
  STORAGE_RECORD_DIR: "/tmp/sdc/e2e/server/dump/records",
};
const t = suiteTest("engines", async () => ({ app: await engineTestApp("engines", { env }) }));
t("spellchecker", async ({ app }) => {
  try {
    await restoreRecord(
      app.platform.services,
      await loadRecord("spellchecker", app.platform.config),
    );
  } catch (e) {
    console.log("ERR", e, (e as { cause?: unknown }).cause);
  }
});
