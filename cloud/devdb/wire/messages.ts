/**
 * MongoDB wire protocol framing. Every message starts with a 16-byte header (messageLength,
 * requestID, responseTo, opCode, little-endian int32). OP_MSG (2013) carries flagBits, one
 * kind-0 body document and any kind-1 document sequences (the driver sends insert/update/delete
 * batches that way: merged here into the body under their identifier), plus an optional CRC-32C
 * checksum (ignored). The legacy OP_QUERY (2004) only serves the first handshake and is
 * answered with OP_REPLY (1).
 */
import { deserialize, serialize, type Document } from 'bson';

export const OP_REPLY = 1;
export const OP_QUERY = 2004;
export const OP_MSG = 2013;
export const HEADER_SIZE = 16;
export const MAX_MESSAGE_BYTES = 48_000_000;
export const MAX_BSON_BYTES = 16 * 1024 * 1024;

const FLAG_CHECKSUM = 1 << 0;
const FLAG_MORE_TO_COME = 1 << 1;

export interface Header {
  length: number;
  requestId: number;
  responseTo: number;
  opCode: number;
}

export interface ParsedMsg {
  command: Document;
  moreToCome: boolean;
}

export interface ParsedQuery {
  collection: string;
  query: Document;
}

export class ProtocolError extends Error {}

export function readHeader(buf: Buffer): Header {
  return {
    length: buf.readInt32LE(0),
    requestId: buf.readInt32LE(4),
    responseTo: buf.readInt32LE(8),
    opCode: buf.readInt32LE(12),
  };
}

const BSON_OPTIONS = { promoteLongs: true, promoteValues: true, bsonRegExp: false } as const;

function readDocument(buf: Buffer, offset: number): { doc: Document; end: number } {
  if (offset + 4 > buf.length) throw new ProtocolError('truncated document');
  const size = buf.readInt32LE(offset);
  if (size < 5 || offset + size > buf.length) throw new ProtocolError('invalid document size');
  const doc = deserialize(buf.subarray(offset, offset + size), BSON_OPTIONS);
  return { doc, end: offset + size };
}

export function parseOpMsg(message: Buffer): ParsedMsg {
  const flags = message.readUInt32LE(HEADER_SIZE);
  const end = flags & FLAG_CHECKSUM ? message.length - 4 : message.length;
  let offset = HEADER_SIZE + 4;
  let command: Document | undefined;
  const sequences: [string, Document[]][] = [];
  while (offset < end) {
    const kind = message[offset];
    offset += 1;
    if (kind === 0) {
      const { doc, end: next } = readDocument(message, offset);
      if (command) throw new ProtocolError('more than one body section');
      command = doc;
      offset = next;
    } else if (kind === 1) {
      const size = message.readInt32LE(offset);
      const sectionEnd = offset + size;
      if (size < 4 || sectionEnd > end) throw new ProtocolError('invalid document sequence');
      const idEnd = message.indexOf(0, offset + 4);
      if (idEnd < 0 || idEnd >= sectionEnd) throw new ProtocolError('invalid sequence identifier');
      const identifier = message.toString('utf8', offset + 4, idEnd);
      const docs: Document[] = [];
      let p = idEnd + 1;
      while (p < sectionEnd) {
        const { doc, end: next } = readDocument(message, p);
        docs.push(doc);
        p = next;
      }
      sequences.push([identifier, docs]);
      offset = sectionEnd;
    } else {
      throw new ProtocolError(`unknown section kind ${kind}`);
    }
  }
  if (!command) throw new ProtocolError('OP_MSG without a body');
  for (const [identifier, docs] of sequences) command[identifier] = [...(command[identifier] ?? []), ...docs];
  return { command, moreToCome: (flags & FLAG_MORE_TO_COME) !== 0 };
}

export function parseOpQuery(message: Buffer): ParsedQuery {
  let offset = HEADER_SIZE + 4; // flags
  const nameEnd = message.indexOf(0, offset);
  if (nameEnd < 0) throw new ProtocolError('invalid collection name');
  const collection = message.toString('utf8', offset, nameEnd);
  offset = nameEnd + 1 + 8; // numberToSkip, numberToReturn
  const { doc } = readDocument(message, offset);
  return { collection, query: doc };
}

function header(length: number, requestId: number, responseTo: number, opCode: number): Buffer {
  const h = Buffer.alloc(HEADER_SIZE);
  h.writeInt32LE(length, 0);
  h.writeInt32LE(requestId, 4);
  h.writeInt32LE(responseTo, 8);
  h.writeInt32LE(opCode, 12);
  return h;
}

export function encodeOpMsg(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const prefix = Buffer.alloc(5); // flagBits 0, section kind 0
  return Buffer.concat([header(HEADER_SIZE + 5 + body.length, requestId, responseTo, OP_MSG), prefix, body]);
}

export function encodeOpReply(requestId: number, responseTo: number, doc: Document): Buffer {
  const body = serialize(doc);
  const fields = Buffer.alloc(20); // responseFlags, cursorID (8), startingFrom, numberReturned
  fields.writeInt32LE(1, 16);
  return Buffer.concat([
    header(HEADER_SIZE + 20 + body.length, requestId, responseTo, OP_REPLY),
    fields,
    body,
  ]);
}
