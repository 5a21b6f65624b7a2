/**
 * How to run one of the measuring child processes of this folder (`./<name>-child.ts`): through tsx from the
 * TypeScript sources, plainly from dist/. The lab's helper programs (../process/children/) have programCommand for
 * this; these children belong to the measuring code, which must not be reached through the process layer.
 */
import { fileURLToPath } from 'node:url'

const fromSource = import.meta.url.endsWith('.ts')

/** The command line of `./<name>-child`, e.g. `['/usr/bin/node', '/…/dist/src/measure/http-pipelined-child.js']`. */
export function measureChildCommand (name: string): string[] {
  const file = fileURLToPath(new URL(`./${name}-child.${fromSource ? 'ts' : 'js'}`, import.meta.url))
  return fromSource ? [process.execPath, '--import', import.meta.resolve('tsx'), file] : [process.execPath, file]
}
