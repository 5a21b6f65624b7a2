/**
 * The app of docker/compose.yaml: one HTTP service of the lab, bound to $HOST:$PORT. `GET /` answers with the address
 * it listens on and the address the request came from; `GET /health` is the healthcheck.
 *   HOST  the address to bind (default 127.0.0.1: the trap, inside a container)
 *   PORT  the port (default 8000; 0 lets the OS pick)
 */
import { startHttp } from 'localhost-lab'

const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 8000)
const service = await startHttp({ host, port, name: 'app' })
process.stdout.write(`app listening on ${service.url}\n`)

// In a container this is PID 1, which gets no default signal handling: stop on `docker stop` ourselves.
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => { service.close().then(() => process.exit(0), () => process.exit(1)) })
}
