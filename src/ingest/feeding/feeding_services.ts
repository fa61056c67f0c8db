/** The registered feeding services by name (Superdesk's `registered_feeding_services`). */
import { bbcLdrsService } from "./bbc_ldrs_feed_service.ts";
import { emailService } from "./email_feed_service.ts";
import type { FeedingService } from "./feeding_service.ts";
import { fileService } from "./file_feed_service.ts";
import { ftpService } from "./ftp_feed_service.ts";
import { httpService, rssService } from "./http_feed_services.ts";
import { reutersService } from "./reuters_feed_service.ts";
import { ritzauService } from "./ritzau_feed_service.ts";

/** Every feeding service, by name. */
export const FEEDING_SERVICES: ReadonlyMap<string, FeedingService> = new Map(
  [
    rssService,
    httpService,
    reutersService,
    ritzauService,
    bbcLdrsService,
    ftpService,
    fileService,
    emailService,
  ].map((
    service,
  ) => [
    service.name,
    service,
  ]),
);

/** The service named `name`, or undefined. */
export function feedingService(name: unknown): FeedingService | undefined {
  return typeof name === "string" ? FEEDING_SERVICES.get(name) : undefined;
}
