/**
 * Output formats (Superdesk's `superdesk/publish/formatters`): a formatter turns a published item
 * into the document one subscriber destination receives. Formatters are pure: everything they
 * need (the item, the subscriber, the destination, the subscriber's sequence number and product
 * codes) is passed in, so they run the same in the API, in workers and in unit tests.
 */
import type { Doc } from "../../storage/document_store.ts";

/** What a formatter knows about the delivery it formats for. */
export interface FormatContext {
  subscriber: Doc;
  destination: Doc;
  /** The subscriber's publish sequence number for this delivery. */
  sequence: number;
  /** Product and subscriber codes the item goes out with. */
  codes: string[];
  /** The `rightsinfo` vocabulary's items: NINJS copyright for items without their own. */
  rights?: readonly Doc[];
  /** The products that take the item, as `{code, name}`, for a formatter that names them. */
  products?: readonly Doc[];
}

/** One formatted document. */
export interface Formatted {
  /** The text that is transmitted. */
  text: string;
  /** The media type transmitters announce (HTTP `Content-Type`, email parts). */
  mimeType: string;
  /** The file extension transmitters that write files use (`json`, `xml`, `ntf`, `txt`). */
  extension: string;
}

/** A named output format. */
export interface Formatter {
  /** The value of a destination's `format` (Superdesk's formatter `type`). */
  readonly type: string;
  /** Superdesk's class name (`/api/formatters`, `formatter_name`). */
  readonly name: string;
  /** Superdesk's display name (its formatter's `name`: `/api/output_formats`). */
  readonly label: string;
  /**
   * Whether the output depends on the item alone (not on the subscriber, destination, sequence
   * or codes): the item is then formatted once for all its destinations of this format.
   */
  readonly itemOnly?: boolean;
  /** Superdesk's `can_preview` and `can_export`: offered by the client's formatted preview and
   * its export (`GET /formatters?criteria=can_preview`). */
  readonly canPreview?: boolean;
  readonly canExport?: boolean;
  /** Whether the output names the products that take the item (`FormatContext.products`). */
  readonly namesProducts?: boolean;
  /** Whether this formatter can format `item` (e.g. email only formats text). */
  canFormat(item: Doc): boolean;
  format(item: Doc, context: FormatContext): Formatted;
}

/** A formatter failed on an item: the queue entry is marked with the reason, never retried. */
export class FormatterError extends Error {
  constructor(format: string, cause: unknown) {
    super(`Cannot format the item as ${format}: ${cause instanceof Error ? cause.message : cause}`);
    this.name = "FormatterError";
  }
}
