// PostgreSQL 15 from Debian: psql (libpq; translated with gettext, and lc_messages for the server) and the
// postgres server itself binding a taken port / a low port / an address not here. The server refuses to run as
// root, so the cluster is made with initdb as nobody in a temp dir.
import { execFileSync } from 'node:child_process'
import { chownSync } from 'node:fs'
import { join } from 'node:path'
import { family, captureClient, captureServer, version, scenario, tempDir, NOBODY } from './lib.mjs'

const BIN = '/usr/lib/postgresql/15/bin'
const as = (name, over) => ({ ...scenario(name), ...over })
const CLIENT = [
  ...['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'reset', 'hang-up', 'dns', 'dns-no-resolver'].map(scenario),
  as('tls-to-plain', { name: 'ssl-to-http', what: 'psql sslmode=require to a plain HTTP server (answers the SSLRequest with HTTP 400)' }),
  as('plain-to-tls', { name: 'to-tls', what: 'psql sslmode=disable to a TLS server' }),
]

await family(async () => {
  const psqlV = version('psql', ['-V'])
  await captureClient({ program: 'psql', ecosystem: 'postgres', version: psqlV, how: 'psql -h HOST -p PORT -U app -d app -w -c "select 1" (PGCONNECT_TIMEOUT=3)',
    cmd: t => ['psql', ['-h', t.host, '-p', String(t.port), '-U', 'app', '-d', 'app', '-w', '-c', 'select 1'],
      { env: { PGCONNECT_TIMEOUT: '3', PGSSLMODE: t.scenario === 'ssl-to-http' ? 'require' : (t.scenario === 'to-tls' ? 'disable' : 'prefer') } }] }, CLIENT)
  await captureClient({ program: 'pg_isready', ecosystem: 'postgres', version: version(`${BIN}/pg_isready`, ['-V']), how: 'pg_isready -h HOST -p PORT',
    cmd: t => [`${BIN}/pg_isready`, ['-h', t.host, '-p', String(t.port), '-t', '3']] }, CLIENT.slice(0, 3))

  const base = tempDir('cz-pg-')
  chownSync(base, 65534, 65534)
  const data = join(base, 'data')
  execFileSync(NOBODY[0], [...NOBODY.slice(1), `${BIN}/initdb`, '-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync'],
    { stdio: 'ignore', env: { PATH: process.env.PATH, LANG: 'C', LC_ALL: 'C' } })
  const pgV = version(`${BIN}/postgres`, ['-V'])
  await captureServer({ program: 'postgres', ecosystem: 'postgres', version: pgV, how: 'postgres -D DATA -c listen_addresses=HOST -p PORT (as nobody, lc_messages=LOCALE)',
    timeout: 8000,
    cmd: t => [`${BIN}/postgres`, ['-D', data, '-c', `listen_addresses=${t.host}`, '-p', String(t.port), '-k', base,
      '-c', `lc_messages=${t.locale}`, '-c', 'logging_collector=off'], { asNobody: true }] })
})
