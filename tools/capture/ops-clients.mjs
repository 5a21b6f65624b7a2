// Round 7: the container and operations CLIs people paste into issues, each pointed at a TCP endpoint the capture
// opened (or closed a moment ago): the docker CLI (DOCKER_HOST=tcp://), podman's remote client, kubectl, the AWS CLI
// with --endpoint-url (botocore on urllib3), etcdctl (gRPC-go), kcat (librdkafka), mpc (libmpdclient),
// transmission-remote (libcurl) and CUPS' lpstat. A client with no TLS of its own skips the scenario that needs it.
import { family, captureClient, version, tempDir, debianPackage } from './lib.mjs'

const tls = t => t.scheme === 'https'
const url = t => t.url.replace(/\/$/, '')
const NO_TLS = ['tls-to-plain']

await family(async () => {
  // docker --tls wants DOCKER_CERT_PATH's ca.pem before it dials, so its TLS scenario only said that file was missing.
  await captureClient({ program: 'docker', ecosystem: 'go', version: version('docker', ['--version']) + ' (/usr/local/bin/docker)', skip: NO_TLS,
    how: 'DOCKER_HOST=tcp://HOST:PORT docker ps, DOCKER_CONFIG in a temp dir',
    cmd: t => ['docker', ['ps'], { env: { DOCKER_HOST: `tcp://${t.hostPort}`, DOCKER_CONFIG: tempDir('cz-docker-') } }] })

  await captureClient({ program: 'podman-remote', ecosystem: 'go', version: debianPackage('podman'), skip: NO_TLS,
    how: 'podman --url tcp://HOST:PORT ps (podman\'s remote client; no TLS on tcp://)',
    cmd: t => ['podman', ['--url', `tcp://${t.hostPort}`, 'ps'], { env: { HOME: tempDir('cz-home-'), XDG_RUNTIME_DIR: tempDir('cz-run-') } }] })

  // kubectl with TLS to a plain HTTP server asked for a user name ("Please enter Username: error: EOF", stdin closed):
  // a prompt, not a failure a user would paste, so that scenario is skipped.
  await captureClient({ program: 'kubectl', ecosystem: 'go', skip: NO_TLS, version: version('kubectl', ['version', '--client'], s => s.split('\n')[0]) + ' (google-cloud-sdk)',
    how: 'kubectl --server URL --request-timeout=3s get pods, HOME in a temp dir; it retries its discovery, so it is given 25 s',
    cmd: t => ['kubectl', ['--server', url(t), '--request-timeout=3s', 'get', 'pods'],
      { timeout: 25000, env: { HOME: tempDir('cz-home-'), KUBECONFIG: '/dev/null' } }] })

  await captureClient({ program: 'aws-cli', ecosystem: 'python', version: version('aws', ['--version']),
    how: 'aws --endpoint-url URL s3 ls --cli-connect-timeout 3 --cli-read-timeout 3 (--no-verify-ssl for https), AWS_MAX_ATTEMPTS=1, dummy keys, no config files',
    cmd: t => ['aws', ['--endpoint-url', url(t), 's3', 'ls', '--cli-connect-timeout', '3', '--cli-read-timeout', '3', ...(tls(t) ? ['--no-verify-ssl'] : [])],
      { env: { AWS_ACCESS_KEY_ID: 'AKIDLAB', AWS_SECRET_ACCESS_KEY: 'lab', AWS_DEFAULT_REGION: 'us-east-1', AWS_MAX_ATTEMPTS: '1', AWS_RETRY_MODE: 'standard',
        AWS_CONFIG_FILE: '/dev/null', AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWS_EC2_METADATA_DISABLED: 'true' } }] })

  await captureClient({ program: 'etcdctl', ecosystem: 'go', version: debianPackage('etcd-client'),
    how: 'etcdctl --endpoints=HOST:PORT --dial-timeout=3s --command-timeout=3s get lab (https:// and --insecure-skip-tls-verify for TLS)',
    cmd: t => ['etcdctl', [`--endpoints=${tls(t) ? url(t) : t.hostPort}`, '--dial-timeout=3s', '--command-timeout=3s',
      ...(tls(t) ? ['--insecure-transport=false', '--insecure-skip-tls-verify'] : []), 'get', 'lab'], { env: { ETCDCTL_API: '3' } }] })

  await captureClient({ program: 'kcat', ecosystem: 'kafka', version: debianPackage('kcat'),
    how: 'kcat -b HOST:PORT -L -m 3 (librdkafka; -X security.protocol=ssl without certificate verification for TLS)',
    cmd: t => ['kcat', ['-b', t.hostPort, '-L', '-m', '3', ...(tls(t) ? ['-X', 'security.protocol=ssl', '-X', 'enable.ssl.certificate.verification=false'] : [])]] })

  await captureClient({ program: 'mpc', ecosystem: 'mpd', version: debianPackage('mpc'), skip: NO_TLS,
    how: 'mpc -h HOST -p PORT status (libmpdclient; MPD_TIMEOUT=3; MPD has no TLS)',
    cmd: t => ['mpc', ['-h', t.host, '-p', String(t.port), 'status'], { env: { MPD_TIMEOUT: '3' } }] })

  await captureClient({ program: 'transmission-remote', ecosystem: 'transmission', version: debianPackage('transmission-cli'),
    how: 'transmission-remote URL/transmission/rpc/ -l (libcurl)',
    cmd: t => ['transmission-remote', [`${url(t)}/transmission/rpc/`, '-l'], { env: { HOME: tempDir('cz-home-') } }] })

  await captureClient({ program: 'lpstat', ecosystem: 'cups', version: debianPackage('cups-client'),
    how: 'lpstat -h HOST:PORT -a (-E to ask for encryption for TLS)',
    cmd: t => ['lpstat', [...(tls(t) ? ['-E'] : []), '-h', t.hostPort, '-a'], { env: { HOME: tempDir('cz-home-') } }] })
})
