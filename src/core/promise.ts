/** Small promise tools for stories that cause failures on purpose. */
import type { Lab } from './lab.js'

/**
 * Something a scenario starts late on purpose (a service that takes a while to boot): the delay is the premise of the
 * lesson, not a wait for readiness. Built on `lab.after`, so the timer is cleared if the scenario ends first.
 */
export function later<T> (lab: Lab, ms: number, fn: () => Promise<T>): Promise<T> {
  const result = new Promise<T>((resolve, reject) => {
    lab.after(ms, () => fn().then(resolve, reject))
  })
  // If the story stops awaiting it (it failed earlier), a late failure must not become an unhandled rejection.
  result.catch(() => {})
  return result
}

/** The error a step that should fail failed with, or undefined if it worked (e.g. a listen on a taken port). */
export function rejection (p: Promise<unknown>): Promise<NodeJS.ErrnoException | undefined> {
  return p.then(() => undefined, (err: NodeJS.ErrnoException) => err)
}
