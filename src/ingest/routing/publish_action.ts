/**
 * How a routing rule's publish action reaches publishing, which is another module: a function
 * the publishing module provides (through the ingest module's options). Until one is provided,
 * publish destinations still receive the routed item and the provider reports that it could not
 * be published.
 */
import type { Doc } from "../../storage/document_store.ts";

/** Publishes a routed archive item; `target` holds the rule's subscribers and types. */
export type PublishRoutedItem = (item: Doc, target: Doc) => Promise<void>;
