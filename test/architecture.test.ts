import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { ROOT } from '../pipeline/store/layout.ts'

const PIPELINE = path.join(ROOT, 'pipeline')
const IMPORT = /(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g

/** Every .ts file under a folder of pipeline/, relative to pipeline/. */
function filesUnder(folder: string): string[] {
  return (fs.readdirSync(path.join(PIPELINE, folder), { recursive: true, encoding: 'utf8' }) as string[])
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(folder, f))
    .sort()
}

/** The repository-relative files a module imports (relative imports only: packages are not the tree's business). */
function importsOf(file: string, text = fs.readFileSync(path.join(PIPELINE, file), 'utf8')): string[] {
  const dir = path.dirname(path.join(PIPELINE, file))
  return [...text.matchAll(IMPORT)].map((m) => path.relative(PIPELINE, path.resolve(dir, m[1])))
}

const isStage = (f: string) => /^\d\d-[a-z-]+\.ts$/.test(f) || f === 'build.ts'
const isCommand = (f: string) => f.startsWith('cli/')
const LIBRARY = ['normalize', 'curate', 'store', 'publish']

describe('the folder tree', () => {
  const library = LIBRARY.flatMap(filesUnder)

  it('has library files in each of normalize/, curate/, store/ and publish/', () => {
    for (const folder of LIBRARY) expect(filesUnder(folder).length, folder).toBeGreaterThan(0)
  })

  it('has no library file that imports a stage or a command', () => {
    const bad = library.flatMap((f) =>
      importsOf(f)
        .filter((i) => isStage(i) || isCommand(i))
        .map((i) => `${f} imports ${i}`),
    )
    expect(bad).toEqual([])
  })

  it('has no stage that imports another stage', () => {
    const stages = fs.readdirSync(PIPELINE).filter((f) => isStage(f) && f !== 'build.ts')
    const bad = stages.flatMap((f) =>
      importsOf(f)
        .filter(isStage)
        .map((i) => `${f} imports ${i}`),
    )
    expect(bad).toEqual([])
  })

  it('has normalizers that import nothing outside normalize/, neither other folders nor packages nor Node', () => {
    const bad: string[] = []
    for (const f of filesUnder('normalize')) {
      const text = fs.readFileSync(path.join(PIPELINE, f), 'utf8')
      for (const i of importsOf(f)) if (!i.startsWith(`normalize${path.sep}`)) bad.push(`${f} imports ${i}`)
      for (const m of text.matchAll(/from\s+'([^'.][^']*)'/g)) bad.push(`${f} imports the package ${m[1]}`)
      if (/\bprocess\.|\bDate\.now\(|\bnew Date\(\)/.test(text)) bad.push(`${f} reads the process or the clock`)
    }
    expect(bad).toEqual([])
  })

  it('reads an import that leaves normalize/ as one (the check above can fail)', () => {
    const text = "import { sha256 } from '../store/files.ts'\nimport type { Mention } from './mentions.ts'\n"
    expect(importsOf(path.join('normalize', 'money.ts'), text)).toEqual([path.join('store', 'files.ts'), path.join('normalize', 'mentions.ts')])
  })
})

describe('the pipeline', () => {
  it('builds every table of the dataset from a SQL file named for it', () => {
    const tables = fs
      .readdirSync(path.join(ROOT, 'schemas', 'tables'))
      .filter((f) => f.endsWith('.schema.json'))
      .map((f) => f.slice(0, -'.schema.json'.length))
      .sort()
    const models = fs
      .readdirSync(path.join(PIPELINE, 'sql'))
      .filter((f) => f.endsWith('.sql'))
      .map((f) => f.slice(0, -'.sql'.length))
      .sort()
    expect(models).toEqual(tables)
    // each starts with its grain and the schema it satisfies: its own
    for (const t of models) {
      const [grain, schema] = fs.readFileSync(path.join(PIPELINE, 'sql', `${t}.sql`), 'utf8').split('\n')
      expect(grain, t).toMatch(/^-- grain: one row per \S/)
      expect(schema, t).toMatch(new RegExp(`^-- schema: schemas/tables/${t}\\.schema\\.json( |$)`))
    }
  })
})
