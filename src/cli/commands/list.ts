import { parse, type Command } from '../args.js'

export const command: Command = {
  summary: 'list the scenarios: id, title, the symptom users see',
  help: `Usage: localhost-lab list [--json]

List every scenario in the catalogue.

Options:
  --json    print the catalogue as one JSON array (default: a table)

Examples:
  localhost-lab list
  localhost-lab list --json | jq -r '.[].id'`,
  async parse (args) {
    const { values, positionals } = parse('list', args, { json: { type: 'boolean' } })
    if (positionals.length > 0) {
      const { LabError } = await import('../../core/errors.js')
      throw new LabError('LAB_ERR_BAD_ARGUMENT', { command: 'list', extra: positionals[0]! })
    }
    return { json: values.json === true }
  },
  async run (args) {
    const values = await command.parse!(args) as { json: boolean }
    const { catalogue } = await import('../../../demos/index.js')
    if (values.json) {
      process.stdout.write(`${JSON.stringify(catalogue.map(({ id, title, symptom, codes }) => ({ id, title, symptom, codes, command: `npm run demo:${id}` })))}\n`)
      return 0
    }
    const width = Math.max(...catalogue.map((s) => s.id.length))
    for (const s of catalogue) process.stdout.write(`${s.id.padEnd(width)}  ${s.title}\n${' '.repeat(width)}  symptom: ${s.symptom}\n`)
    process.stdout.write(`\nRun one with \`localhost-lab demo <id>\` or \`npm run demo:<id>\`; all with \`localhost-lab demo --all\`.\n`)
    return 0
  },
}
