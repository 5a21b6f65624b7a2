import type { WebSocketServer } from 'ws'
import { listeningAt, type ListenOptions, type Service } from './types.js'

export interface WsServiceOptions extends ListenOptions {
  /** What to do with each WebSocket. Default: echo every message, prefixed by nothing. */
  onConnection?: (ws: import('ws').WebSocket, req: import('node:http').IncomingMessage) => void
}

export interface WsService extends Service {
  wss: WebSocketServer
}

/** A WebSocket echo service on `ws`, imported lazily. */
export async function startWs (opts: WsServiceOptions = {}): Promise<WsService> {
  const { WebSocketServer } = await import('ws')
  const wss = new WebSocketServer({ host: opts.host ?? '127.0.0.1', port: opts.port ?? 0 })
  wss.on('connection', function wssOnConnection (ws, req) {
    ws.on('error', () => {})
    if (opts.onConnection) opts.onConnection(ws, req)
    else ws.on('message', (data, isBinary) => ws.send(data, { binary: isBinary }))
  })
  await new Promise<void>((resolve, reject) => {
    wss.once('error', reject)
    wss.once('listening', () => {
      wss.removeListener('error', reject)
      resolve()
    })
  })
  const a = wss.address() as import('node:net').AddressInfo
  return {
    ...listeningAt('ws', opts.name ?? 'ws', a),
    wss,
    close: () => new Promise<void>((resolve) => {
      for (const client of wss.clients) client.terminate()
      wss.close(() => resolve())
    }),
  }
}
