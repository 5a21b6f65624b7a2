// Round 7: GStreamer, as media players and pipelines use it: souphttpsrc (libsoup 2.4 on GIO) on an http:// URL and
// tcpclientsrc (GIO's GSocketClient) on a host and port, both run by gst-launch-1.0 into a fakesink. Both are
// translated (gstreamer-1.0, gst-plugins-*, glib20 and libsoup catalogues). tcpclientsrc only reads, so its server
// failures come before any request (GREETED_SCENARIOS) and it has no TLS or greeting scenario.
import { family, captureClient, debianPackage, scenariosNamed, GREETED_SCENARIOS, SCENARIOS } from './lib.mjs'

const gstV = `${debianPackage('gstreamer1.0-tools')}, ${debianPackage('gstreamer1.0-plugins-good')}, ${debianPackage('gstreamer1.0-plugins-base')}`

await family(async () => {
  await captureClient({ program: 'gst-souphttpsrc', ecosystem: 'gstreamer', version: gstV,
    how: 'gst-launch-1.0 souphttpsrc location=URL timeout=3 retries=0 ssl-strict=false ! fakesink',
    cmd: t => ['gst-launch-1.0', ['souphttpsrc', `location=${t.url}`, 'timeout=3', 'retries=0', 'ssl-strict=false', '!', 'fakesink']] }, SCENARIOS)

  await captureClient({ program: 'gst-tcpclientsrc', ecosystem: 'gstreamer', version: gstV,
    how: 'gst-launch-1.0 tcpclientsrc host=HOST port=PORT timeout=3 ! fakesink',
    cmd: t => ['gst-launch-1.0', ['tcpclientsrc', `host=${t.host}`, `port=${t.port}`, 'timeout=3', '!', 'fakesink']] },
  [...scenariosNamed(['refused-ipv4', 'refused-ipv6', 'refused-localhost', 'timeout', 'dns', 'dns-no-resolver']), ...GREETED_SCENARIOS])
})
