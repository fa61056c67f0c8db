/**
 * The S3 test server (`scripts/services start s3`: moto, on S3_URL) for media suites: a bucket
 * made once per process, the settings that put an app's media in it under a folder of its own,
 * and storages on it.
 */
import { S3Client } from "../../src/media/s3_client.ts";
import { createS3MediaStorage, type S3MediaOptions } from "../../src/media/s3_media_storage.ts";
import { engineUrl, uniqueName } from "../_engines.ts";

/** The bucket the media suites share (each case writes under its own folder). */
export const TEST_BUCKET = "superdesk-test-eu-west-1";

const credentials = { accessKeyId: "superdesk", secretAccessKey: "superdesk-secret" };
const region = "eu-west-1";
let made: Promise<void> | undefined;

/** S3_URL, or undefined when suites needing it are skipped (outside CI only). */
export function s3Url(): string | undefined {
  return engineUrl("S3_URL");
}

/** Makes the test bucket (once per process; moto forgets buckets when restarted). */
export function testBucket(endpoint: string): Promise<void> {
  made ??= new S3Client({ ...credentials, region, bucket: TEST_BUCKET, endpoint }).createBucket();
  return made;
}

/** Storage options on the test bucket under a fresh folder (`subfolder`). */
export function s3Options(endpoint: string, options: Partial<S3MediaOptions> = {}): S3MediaOptions {
  return {
    ...credentials,
    region,
    bucket: TEST_BUCKET,
    endpoint,
    subfolder: uniqueName("media"),
    ...options,
  };
}

/** A storage on the test bucket under a fresh folder. */
export function s3Storage(endpoint: string, options: Partial<S3MediaOptions> = {}) {
  return createS3MediaStorage(s3Options(endpoint, options));
}

/** The app settings (Superdesk's names) that put its media in the test bucket, fresh folder. */
export function amazonEnv(endpoint: string): Record<string, string> {
  return {
    AMAZON_CONTAINER_NAME: TEST_BUCKET,
    AMAZON_ACCESS_KEY_ID: credentials.accessKeyId,
    AMAZON_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AMAZON_REGION: region,
    AMAZON_ENDPOINT_URL: endpoint,
    AMAZON_S3_SUBFOLDER: uniqueName("media"),
  };
}

/** The S3 object of media `id` under `env`'s settings (`amazonEnv`), or undefined. */
export function mediaObject(env: Record<string, string>, id: string) {
  return new S3Client({
    ...credentials,
    region,
    bucket: env.AMAZON_CONTAINER_NAME!,
    endpoint: env.AMAZON_ENDPOINT_URL,
  }).head(`${env.AMAZON_S3_SUBFOLDER}/${id}`);
}
