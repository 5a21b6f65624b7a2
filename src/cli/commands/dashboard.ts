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
pages (Origin), and runs one scenario at a time. With "Step by step" on, a run waits before each step until
the page that started it presses Next (or Enter, Space, →, ↓, PgDn; q stops it); "Slow" waits a few seconds
before each step instead. Only that page can go on; if it goes away, the run stops after a few seconds.
Stop the dashboard with Ctrl-C (exit 130); it says that it stopped.`,
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
      const running = dashboard.running()
      await dashboard.close()
      // The room sees the page say "reconnecting…"; the terminal says why, and that nothing was left behind.
      const stopped = running === undefined ? '' : `; run ${running.run} (${running.id}) was stopped and cleaned up`
      stdout.write(`localhost-lab dashboard: stopped (${typeof signal.reason === 'string' ? signal.reason : 'interrupted'})${stopped}; ${dashboard.address}:${dashboard.port} no longer listens.\n`)
      return 0
    })
  },
})
