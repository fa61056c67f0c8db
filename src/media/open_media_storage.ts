/**
 * The media storage for a configuration: the S3 bucket of `AMAZON_CONTAINER_NAME` when it is
 * set (as Superdesk's proxy storage puts Amazon first), else GridFS in MONGO_URI's database when
 * that is set (its own client, connected at the first use), else files under `DATA_DIR/media`.
 * Called by the platform build only (`src/cli/build_platform.ts`), like the other seams.
 */
import type { AmazonConfig } from "../config/config.ts";
import type { MediaStorage } from "./media_storage.ts";
import { createFileMediaStorage } from "./file_media_storage.ts";

/** Where media live for `config`. */
export async function openMediaStorage(
  config: { mongoUri?: string; mongoDbName: string; dataDir: string; amazon?: AmazonConfig },
): Promise<MediaStorage> {
  if (config.amazon) {
    const { createS3MediaStorage } = await import("./s3_media_storage.ts");
    const { containerName, endpointUrl, ...amazon } = config.amazon;
    return createS3MediaStorage({ ...amazon, bucket: containerName, endpoint: endpointUrl });
  }
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
