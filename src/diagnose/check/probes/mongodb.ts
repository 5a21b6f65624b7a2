/**
 * MongoDB: an OP_MSG `hello` on `admin` (what every driver sends first; it needs no login), then, if that answered,
 * `listDatabases` with `nameOnly`: a read that a server with access control refuses to an unauthenticated client
 * (Unauthorized, code 13) and one without it answers. Nothing is written; no credentials are sent.
 */
import { withConversation } from './conversation.js'
import { quote } from './quote.js'

export interface MongoAnswer {
  protocol: 'mongodb'
  product: 'MongoDB'
  version?: string
  auth: 'none' | 'required' | 'unknown'
  evidence: string[]
  notes: string[]
}

/** The wire protocol's numbers. */
export const MONGO_PROTOCOL = {
  /** OP_MSG, the message every command travels in since MongoDB 3.6. */
  opMsg: 2013,
  /** The error code of a command refused for want of authentication. */
  unauthorized: 13,
  source: 'https://www.mongodb.com/docs/manual/reference/mongodb-wire-protocol/',
  errors: 'https://www.mongodb.com/docs/manual/reference/error-codes/',
} as const

type BsonValue = number | string | boolean | null | Record<string, unknown> | undefined

/** A BSON document of int32, string and boolean fields: all our commands need. */
function bson (doc: Record<string, number | string | boolean>): Buffer {
  const parts: Buffer[] = []
  for (const [key, value] of Object.entries(doc)) {
    const name = Buffer.from(`${key}\0`, 'utf8')
    if (typeof value === 'number') {
      const v = Buffer.alloc(4)
      v.writeInt32LE(value)
      parts.push(Buffer.from([0x10]), name, v)
    } else if (typeof value === 'boolean') {
      parts.push(Buffer.from([0x08]), name, Buffer.from([value ? 1 : 0]))
    } else {
      const s = Buffer.from(`${value}\0`, 'utf8')
      const len = Buffer.alloc(4)
      len.writeInt32LE(s.length)
      parts.push(Buffer.from([0x02]), name, len, s)
    }
  }
  const body = Buffer.concat([...parts, Buffer.from([0])])
  const len = Buffer.alloc(4)
  len.writeInt32LE(body.length + 4)
  return Buffer.concat([len, body])
}

/** The top-level fields of a BSON document we can read (numbers, strings, booleans); others are skipped or stop. */
function readBson (b: Buffer, at: number): Record<string, BsonValue> {
  const out: Record<string, BsonValue> = {}
  const end = at + b.readInt32LE(at)
  let i = at + 4
  while (i < end - 1 && i < b.length) {
    const type = b[i]!
    const nameEnd = b.indexOf(0, i + 1)
    if (nameEnd < 0) break
    const key = b.subarray(i + 1, nameEnd).toString('utf8')
    i = nameEnd + 1
    if (type === 0x01) { out[key] = b.readDoubleLE(i); i += 8 } else if (type === 0x02) {
      const n = b.readInt32LE(i)
      out[key] = b.subarray(i + 4, i + 4 + n - 1).toString('utf8')
      i += 4 + n
    } else if (type === 0x03 || type === 0x04) { i += b.readInt32LE(i) } else if (type === 0x07) { i += 12 } else if (type === 0x08) { out[key] = b[i] === 1; i += 1 } else if (type === 0x09 || type === 0x11 || type === 0x12) { out[key] = Number(b.readBigInt64LE(i)); i += 8 } else if (type === 0x0a) { out[key] = null } else if (type === 0x10) { out[key] = b.readInt32LE(i); i += 4 } else break
  }
  return out
}

let requestId = 1

function opMsg (doc: Record<string, number | string | boolean>): Buffer {
  const body = Buffer.concat([Buffer.alloc(4) /* flagBits */, Buffer.from([0]) /* section kind 0: body */, bson(doc)])
  const head = Buffer.alloc(16)
  head.writeInt32LE(16 + body.length, 0)
  head.writeInt32LE(requestId++, 4)
  head.writeInt32LE(0, 8)
  head.writeInt32LE(MONGO_PROTOCOL.opMsg, 12)
  return Buffer.concat([head, body])
}

const wholeReply = (b: Buffer): boolean => b.length >= 16 && b.length >= b.readInt32LE(0)

/** The reply's body document, when the reply is an OP_MSG. */
function replyDoc (b: Buffer): Record<string, BsonValue> | undefined {
  if (!wholeReply(b) || b.readInt32LE(12) !== MONGO_PROTOCOL.opMsg || b[20] !== 0) return undefined
  try {
    return readBson(b, 21)
  } catch {
    return undefined
  }
}

export function probeMongo (host: string, port: number, timeoutMs: number, signal?: AbortSignal): Promise<MongoAnswer | undefined> {
  return withConversation({ host, port, timeoutMs, signal }, async (c, left) => {
    c.write(opMsg({ hello: 1, $db: 'admin' }))
    const hello = replyDoc((await c.read(wholeReply, left())).bytes)
    if (!hello || hello.ok !== 1) return undefined
    const result: MongoAnswer = { protocol: 'mongodb', product: 'MongoDB', auth: 'unknown', evidence: [`OP_MSG hello -> ok: 1, maxWireVersion: ${String(hello.maxWireVersion)}`], notes: [] }
    c.write(opMsg({ buildInfo: 1, $db: 'admin' }))
    const build = replyDoc((await c.read(wholeReply, left())).bytes)
    if (typeof build?.version === 'string') result.version = quote(build.version)
    c.write(opMsg({ listDatabases: 1, nameOnly: true, $db: 'admin' }))
    const list = replyDoc((await c.read(wholeReply, left())).bytes)
    if (list?.ok === 1) {
      result.auth = 'none'
      result.evidence.push('listDatabases (nameOnly) -> ok: 1, answered without credentials')
    } else if (list?.code === MONGO_PROTOCOL.unauthorized) {
      result.auth = 'required'
      result.evidence.push(`listDatabases (nameOnly) -> code 13 Unauthorized${typeof list.errmsg === 'string' ? `: ${quote(list.errmsg)}` : ''}`)
    } else {
      result.notes.push('listDatabases was not answered in time, or with an error that says nothing about authentication')
    }
    return result
  })
}
