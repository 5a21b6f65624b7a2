/** `--transcript <file>`: check the file can be written before the run starts, so a typo fails in one line, not after. */
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { LabError } from '../core/errors.js'
import type { Sink } from '../core/events.js'
import { transcriptRenderer } from '../render/transcript.js'

export function openTranscript (file: string): Sink {
  if (file.trim() === '') throw new LabError('LAB_ERR_BAD_ARGUMENT', { transcript: file })
  const path = resolve(file)
  try {
    writeFileSync(path, '')
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'an error'
    throw new LabError('LAB_ERR_BAD_ARGUMENT', { transcript: path, code })
  }
  return transcriptRenderer(path)
}
