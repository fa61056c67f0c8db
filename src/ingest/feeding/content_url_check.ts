/**
 * The check on a URL that a feed's content names (a next page's `_links.next.href`), as opposed
 * to the provider's URL an administrator configured: http(s) only, and every address its host
 * resolves to public unless `INGEST_CONTENT_URL_ALLOWED_NETWORKS` allows it, so a feed cannot
 * make the server ask its loopback, private network or a cloud metadata address. Applied to
 * every redirect hop (`follow_redirects.ts`). A URL on the provider's own origin (the one the
 * administrator configured) is asked as that URL is, so an API on a private network still pages.
 * A refusal is a problem recorded on the provider, not a failed poll: what was read before it is
 * kept. Superdesk has no such check.
 */
import type { Network } from "../../net/address_policy.ts";
import { checkHost, type Resolve } from "../../net/host_check.ts";
import { IngestError } from "../ingest_error.ts";

/** A URL a feed's content named that the server does not follow (4000). */
export class ContentUrlRefused extends IngestError {
  constructor(detail: string) {
    super(4000, detail);
    this.name = "ContentUrlRefused";
  }
}

/**
 * A `checkHop` for `fetchFeed` that refuses what a feed's content may not reach; `origin` (the
 * provider's configured URL's) is not checked.
 */
export function contentUrlCheck(
  allowed: readonly Network[],
  { origin, signal, resolve }: { origin: string; signal: AbortSignal; resolve?: Resolve },
): (url: URL) => Promise<void> {
  return async (url) => {
    if (url.origin === origin) return;
    const shown = `${url.origin}${url.pathname}`;
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      throw new ContentUrlRefused(`${shown}: a feed's link is followed only over http(s)`);
    }
    const checked = await checkHost(url, allowed, { signal, resolve });
    if (checked.refused) {
      throw new ContentUrlRefused(
        `${shown}: not followed, ${checked.refused} (only public addresses are followed from ` +
          "a feed's content; INGEST_CONTENT_URL_ALLOWED_NETWORKS names others)",
      );
    }
  };
}
