/**
 * The media storage contract on files under a temporary directory, on GridFS (MONGO_URI) and on
 * the S3 test server (S3_URL).
 */
import { MongoClient } from "mongodb";
import { createFileMediaStorage } from "../../src/media/file_media_storage.ts";
import { createGridFsMediaStorage } from "../../src/media/gridfs_media_storage.ts";
import { engineUrl, uniqueName } from "../_engines.ts";
import { mediaStorageContract } from "../contracts/media_storage_contract.ts";
import { s3Storage, s3Url, testBucket } from "./_s3.ts";

mediaStorageContract("file media storage", async () => {
  const dir = await Deno.makeTempDir({ prefix: "media_test_" });
  const storage = createFileMediaStorage(`${dir}/media`);
  return {
    storage,
    async cleanup() {
      await storage.close();
      // No temporary file is left behind by any case, failed puts included.
      for await (const entry of Deno.readDir(`${dir}/media`)) {
        for await (const file of Deno.readDir(`${dir}/media/${entry.name}`)) {
          if (file.name.endsWith(".tmp")) throw new Error(`left behind: ${file.name}`);
        }
      }
      await Deno.remove(dir, { recursive: true });
    },
  };
});

const url = engineUrl("MONGO_URI");
if (url) {
  mediaStorageContract("gridfs media storage", () => {
    const client = new MongoClient(url);
    const db = client.db(uniqueName("test_media"));
    const storage = createGridFsMediaStorage(db, { onClose: () => Promise.resolve() });
    return Promise.resolve({
      storage,
      async cleanup() {
        await storage.close();
        await db.dropDatabase();
        await client.close();
      },
    });
  });
}

const s3 = s3Url();
if (s3) {
  await testBucket(s3);
  mediaStorageContract("s3 media storage", () => {
    const storage = s3Storage(s3);
    // moto keeps objects in memory until it stops: what a case stored is left there.
    return Promise.resolve({ storage, cleanup: () => storage.close() });
  });
}
