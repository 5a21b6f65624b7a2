import { loadCatalogue } from '../catalogue.js'
import { defineCommand } from '../define-command.js'
import { demoCommand } from '../../core/invocation.js'
import { stdout, writeJson } from '../output.js'

export const command = defineCommand({
  name: 'list',
  summary: 'list the scenarios: id, title, the symptom users see',
  description: 'List every scenario in the catalogue.',
  args: {
    json: { type: 'boolean', description: 'print the catalogue as one JSON array', defaultHelp: 'a table' },
  },
  examples: [
    'localhost-lab list',
    "localhost-lab list --json | jq -r '.[].id'",
  ],
  async run ({ values }) {
    const { catalogue } = await loadCatalogue()
    if (values.json) {
      writeJson(catalogue.map(({ id, title, symptom, codes }) => ({ id, title, symptom, codes, command: demoCommand(id) })))
      return 0
    }
    const width = Math.max(...catalogue.map((s) => s.id.length))
    for (const s of catalogue) stdout.write(`${s.id.padEnd(width)}  ${s.title}\n${' '.repeat(width)}  symptom: ${s.symptom}\n`)
    stdout.write(`\nRun one with \`${demoCommand('<id>')}\`; all with \`${demoCommand('--all')}\`.\n`)
    return 0
  },
})
