import { loadCatalogue } from '../catalogue.js'
import { defineCommand } from '../define-command.js'
import { stdout } from '../output.js'

export const command = defineCommand({
  name: 'dashboard',
  summary: 'a live page for the room: run scenarios, watch their events, explain an error, see the ports',
  description: `Serve the workshop dashboard on 127.0.0.1 and print its URL. The page lists the scenarios, runs one on click
and shows its steps, errors and timings as they happen; it explains a pasted error and lists the listening ports.
No build step, nothing loaded from the internet: it works offline and looks right on a projector.`,
  args: {
    port: { type: 'port', placeholder: 'n', default: 0, description: 'the port on 127.0.0.1, 0-65535', defaultHelp: '0, a free port the OS picks' },
  },
  notes: `Only this machine can open it. It answers only to its own names (Host 127.0.0.1:P, localhost:P, [::1]:P;
anything else gets 403: the DNS-rebinding defence), accepts WebSocket upgrades and POSTs only from its own
pages (Origin), and runs one scenario at a time. Stop it with Ctrl-C (exit 130).`,
  examples: [
    'localhost-lab dashboard',
    'localhost-lab dashboard --port 4321',
    'npm run dashboard',
  ],
  async run ({ values }) {
    const { catalogue } = await loadCatalogue()
    const { startDashboard } = await import('../../dashboard/server.js')
    const { interruptible } = await import('../signals.js')
    return interruptible(async (signal) => {
      const dashboard = await startDashboard({ port: values.port, catalogue })
      stdout.write(`localhost-lab dashboard: ${dashboard.url}\n`)
      stdout.write(`Listening on ${dashboard.address} only; requests that name another host get 403. Ctrl-C stops it.\n`)
      await new Promise((resolve) => {
        if (signal.aborted) resolve(undefined)
        else signal.addEventListener('abort', resolve, { once: true })
      })
      await dashboard.close()
      return 0
    })
  },
})
