/**
 * diff: what changed between two versions of the dataset, per table (rows added, removed and
 * changed, with old and new values) and in the schemas. Markdown on stdout.
 *   make diff FROM=1.0.0 TO=build      (build = out/dataset/)
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { diffDatasets, diffMarkdown } from '../publish/row-changes.ts'
import { parseVersion } from '../publish/semver.ts'
import { isMain, runStage, UserError } from '../store/run.ts'

export function resolveVersionDir(name: string | undefined, releases: string, dataset: string): string {
  if (!name) throw new UserError('diff: FROM and TO are required: make diff FROM=<version> TO=<version or build>')
  if (name === 'build') {
    if (!fs.existsSync(path.join(dataset, 'datapackage.json'))) throw new UserError(`diff: no build in ${dataset}; run make dataset`)
    return dataset
  }
  parseVersion(name)
  const dir = path.join(releases, name)
  if (!fs.existsSync(dir)) throw new UserError(`diff: no release ${name} in ${releases}`)
  return dir
}

if (isMain(import.meta.url)) {
  const { values } = parseArgs({
    options: {
      from: { type: 'string', default: '' },
      to: { type: 'string', default: '' },
      releases: { type: 'string', default: 'out/releases' },
      dataset: { type: 'string', default: 'out/dataset' },
    },
  })
  runStage('diff', async () => {
    const from = resolveVersionDir(values.from || undefined, values.releases as string, values.dataset as string)
    const to = resolveVersionDir(values.to || undefined, values.releases as string, values.dataset as string)
    const d = await diffDatasets(from, to)
    const bump = d.required === 'none' ? 'no new version needed' : `requires a ${d.required} version bump`
    process.stdout.write(`# ${values.from} → ${values.to} (${bump})\n\n${diffMarkdown(d)}`)
  })
}
