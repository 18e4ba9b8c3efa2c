/**
 * diff: what changed between two versions of the dataset, per table (rows added, removed and
 * changed, with old and new values) and in the schemas. Markdown on stdout.
 *   make diff FROM=1.0.0 TO=build      (build = out/dataset/)
 * When one side is the build, it also says whether the build equals a published release (schemas and
 * rows; its version, a pre-release name, is not compared), which then needs no new version.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { readIndex, sortedIndex } from '../publish/release-index.ts'
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

/**
 * The published release whose schemas and rows the build equals (the newest such), or null: a build
 * that equals a release needs no new version, whatever FROM it is compared with.
 */
export async function equalRelease(build: string, releases: string): Promise<string | null> {
  for (const e of sortedIndex(readIndex(releases).releases).releases.reverse()) {
    if ((await diffDatasets(path.join(releases, e.version), build)).required === 'none') return e.version
  }
  return null
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
    const same = values.from === 'build' || values.to === 'build' ? await equalRelease(values.dataset as string, values.releases as string) : null
    const bump = same
      ? `the build equals release ${same}, already published: no new version needed`
      : d.required === 'none'
        ? 'no new version needed'
        : `requires a ${d.required} version bump`
    process.stdout.write(`# ${values.from} → ${values.to} (${bump})\n\n${diffMarkdown(d)}`)
  })
}
