/**
 * `demo --step`'s ← key: what each step of the scenario on screen showed, kept so that it can be shown again exactly,
 * without running its actions again (a second listen or connect would not be the lesson the room just saw).
 */
import type { LabEvent, StreamEvent, StreamSink } from '../core/events.js'

export interface StepRecorder {
  /** Put in front of the renderer: every event of the stream passes through here. */
  record: StreamSink
  /** Render step `n` of the current scenario again through `render`; false when it has not been shown. */
  replay (n: number): boolean
}

export function createStepRecorder (render: StreamSink): StepRecorder {
  let steps = new Map<number, LabEvent[]>()
  let current: LabEvent[] | undefined
  return {
    record (e: StreamEvent): void {
      if (e.type === 'start') {
        steps = new Map()
        current = undefined
      } else if (e.type === 'step') {
        current = [e]
        steps.set(e.n, current)
      } else if (e.type === 'done' || e.type === 'summary') {
        current = undefined
      } else {
        current?.push(e)
      }
    },
    replay (n: number): boolean {
      const events = steps.get(n)
      if (events === undefined) return false
      for (const e of events) render(e)
      return true
    },
  }
}
