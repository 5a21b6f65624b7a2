/**
 * A self-signed certificate made at run time, for a TLS service of our own. node:crypto makes keys but cannot sign an
 * X.509 certificate, so OpenSSL's command-line tool does it (`openssl req -x509`), through the one tool runner. Nothing
 * is committed: a key that sits in a repository is a key everyone has.
 *
 * Beware: the certificate is trusted by nobody. A client that checks it (every client, by default) fails with
 * DEPTH_ZERO_SELF_SIGNED_CERT unless it is handed the certificate as its CA (`ca` in node:https, `--cacert` for curl).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { run, which } from '../process/tool.js'

export interface SelfSigned {
  /** PEM, unencrypted: only ever held in memory and handed to our own server. */
  key: string
  cert: string
  /** The names it is valid for (subjectAltName), e.g. `['localhost', '127.0.0.1', '::1']`. */
  names: string[]
  /** The command that made it and the OpenSSL version, for the narration's source. */
  madeBy: string
}

/**
 * A P-256 key and a certificate for `names`, valid for one day. undefined when `openssl` is not installed (the caller
 * skips what needs TLS, with the reason). The temporary directory it writes to is removed before this returns.
 */
export async function selfSignedCertificate (names: readonly string[] = ['localhost', '127.0.0.1', '::1']): Promise<SelfSigned | undefined> {
  const openssl = await which('openssl')
  if (openssl === undefined) return undefined
  const dir = await mkdtemp(join(tmpdir(), 'llab-cert-'))
  try {
    const san = names.map((n) => `${/^[\d.]+$|:/.test(n) ? 'IP' : 'DNS'}:${n}`).join(',')
    const args = ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', `/CN=${names[0] ?? 'localhost'}`, '-addext', `subjectAltName=${san}`,
      '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]
    await run(openssl, args, { neededTo: 'make a self-signed certificate' })
    const version = (await run(openssl, ['version'])).stdout.trim()
    return {
      key: await readFile(join(dir, 'key.pem'), 'utf8'),
      cert: await readFile(join(dir, 'cert.pem'), 'utf8'),
      names: [...names],
      madeBy: `openssl req -x509 -newkey ec (P-256), ${version}`,
    }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
