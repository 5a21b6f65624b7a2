/**
 * Where the library meets the lessons: only the CLI imports demos/. It loads the catalogue (demos/index.ts) here and
 * passes it to whatever needs it (demo, list, the dashboard), so nothing below src/cli depends on the lessons.
 */
export async function loadCatalogue (): Promise<typeof import('../../demos/index.js')> {
  return import('../../demos/index.js')
}
