/**
 * The media storage for a configuration: GridFS in MONGO_URI's database when it is set (its
 * own client, connected at the first use), files under `DATA_DIR/media` otherwise. Called by
 * the platform build only (`src/cli/build_platform.ts`), like the other seams.
 */
import type { MediaStorage } from "./media_storage.ts";
import { createFileMediaStorage } from "./file_media_storage.ts";

/** Where media live for `config`. */
export async function openMediaStorage(
  config: { mongoUri?: string; mongoDbName: string; dataDir: string },
): Promise<MediaStorage> {
  if (!config.mongoUri) return createFileMediaStorage(`${config.dataDir}/media`);
  const [{ createMongoClient }, { createGridFsMediaStorage }] = await Promise.all([
    import("../storage/mongo/mongo_client.ts"),
    import("./gridfs_media_storage.ts"),
  ]);
  const client = createMongoClient(config.mongoUri);
  return createGridFsMediaStorage(client.db(config.mongoDbName), {
    onClose: () => client.close(),
  });
}
