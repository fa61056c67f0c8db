/**
 * The root element of an XML payload for a parser: XML our reader refuses (malformed, too large,
 * too deep) is the parser's own ingest error, with the reader's message.
 */
import { parseXmlBytes, type XmlElement, XmlError } from "../../xml/xml_reader.ts";
import { IngestError } from "../ingest_error.ts";

/** The root of `payload`; unreadable XML throws an `IngestError` with `code`. */
export function xmlRoot(payload: Uint8Array, code: number): XmlElement {
  try {
    return parseXmlBytes(payload);
  } catch (error) {
    if (error instanceof XmlError) throw new IngestError(code, error.message, { cause: error });
    throw error;
  }
}
