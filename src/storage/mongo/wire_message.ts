/**
 * MongoDB's OP_MSG framing (the wire protocol of MongoDB 3.6+ and FerretDB): a 16-byte header
 * (length, request id, response-to id, op code 2013), 4 bytes of flags, then sections; a
 * command is one section of kind 0 holding its BSON document (with `$db`). Replies are read the
 * same way; a kind-1 section (a document sequence) is only sent by the server for exhaust
 * cursors, which `wire_pool.ts` never asks for, so it is refused here.
 */
import { BSON } from "mongodb";
import type { Doc } from "../document_store.ts";

const OP_MSG = 2013;
const HEADER_BYTES = 16;
/** The checksumPresent flag: a CRC-32C follows the sections. */
const CHECKSUM_PRESENT = 1;

/** The request id after `previous`: int32 on the wire, so it wraps before 2^31 to 1. */
export function nextRequestId(previous: number): number {
  return previous % 0x7fffffff + 1;
}

/** The OP_MSG bytes of `command` as request `requestId`. */
export function encodeMessage(requestId: number, command: Doc): Uint8Array {
  // `undefined` stored as null, as the driver does (BSON's own default drops it).
  const body = BSON.serialize(command, { ignoreUndefined: false });
  const message = new Uint8Array(HEADER_BYTES + 5 + body.byteLength);
  const view = new DataView(message.buffer);
  view.setInt32(0, message.byteLength, true);
  view.setInt32(4, requestId, true);
  view.setInt32(8, 0, true);
  view.setInt32(12, OP_MSG, true);
  view.setUint32(16, 0, true);
  message[20] = 0;
  message.set(body, 21);
  return message;
}

/** The total length a message starting at `bytes` declares (its first 4 bytes). */
export function declaredLength(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, 4).getInt32(0, true);
}

/** A reply's header fields and body document. */
export interface ReplyMessage {
  responseTo: number;
  body: Doc;
}

/** Decodes one whole reply message; throws on anything but an OP_MSG with one body section. */
export function decodeReply(message: Uint8Array): ReplyMessage {
  const view = new DataView(message.buffer, message.byteOffset, message.byteLength);
  const length = view.getInt32(0, true);
  if (length !== message.byteLength || length < HEADER_BYTES + 5) {
    throw new Error(`malformed reply: length ${length} for ${message.byteLength} bytes`);
  }
  const opCode = view.getInt32(12, true);
  if (opCode !== OP_MSG) throw new Error(`unexpected reply op code ${opCode}`);
  const flags = view.getUint32(16, true);
  const end = flags & CHECKSUM_PRESENT ? length - 4 : length;
  if (message[20] !== 0) throw new Error(`unexpected reply section kind ${message[20]}`);
  const section = message.subarray(21, end);
  const bodyLength = declaredLength(section);
  if (bodyLength !== section.byteLength) {
    throw new Error("unexpected reply sections after the body");
  }
  return { responseTo: view.getInt32(8, true), body: BSON.deserialize(section) };
}
