/** `--transcript <file>`: check the file can be written before the run starts, so a typo fails in one line, not after. */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { LabError } from '../core/errors.js'
import type { Sink } from '../core/events.js'
import { transcriptRenderer } from '../render/transcript.js'

export function openTranscript (file: string): Sink {
  if (file.trim() === '') throw new LabError('LAB_ERR_BAD_ARGUMENT', '--transcript needs a file name, e.g. --transcript handout.md. Run `localhost-lab demo --help`.')
  const path = resolve(file)
  try {
    writeFileSync(path, '')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'an error'
    throw new LabError('LAB_ERR_BAD_ARGUMENT', `cannot write the transcript to '${path}' (${code}). Give a file in a folder that exists and you may write to.`)
  }
  return transcriptRenderer(path)
}
