import readline from 'node:readline'
import { parseArgs } from 'node:util'
import sourceSchema from '../../schemas/source.schema.json' with { type: 'json' }
import { readEntityMatcher } from '../curate/entity-list.ts'
import type { EntityMatcher } from '../normalize/entities.ts'
import { extractMentions } from '../normalize/mentions.ts'
import { decodeUtf8 } from '../normalize/text.ts'
import { DEFAULT_ENTITIES } from '../store/layout.ts'
import { isMain } from '../store/run.ts'

function loadEntities(file: string): EntityMatcher {
  return readEntityMatcher(file)
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/** what source.json accepts as currency_default: the same codes here */
const CURRENCY_CODE = new RegExp(sourceSchema.properties.currency_default.pattern)

/** The --currency-default value, or an error message naming what was found and what is expected. */
export function parseCurrencyDefault(value: string | undefined): { currency: string | null } | { error: string } {
  if (value === undefined) return { currency: null }
  if (CURRENCY_CODE.test(value)) return { currency: value }
  return { error: `--currency-default must be an ISO 4217 code of three capital letters, as source.json's currency_default (HKD, TWD), found "${value}"` }
}

async function runJsonl(entities: EntityMatcher, currencyDefault: string | null): Promise<void> {
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })
  let lineNumber = 0
  for await (const line of lines) {
    lineNumber++
    if (line.trim() === '') continue
    let id: unknown = null
    try {
      const record = JSON.parse(line) as { id?: unknown; text?: unknown; reference_date?: unknown }
      if (record === null || typeof record !== 'object' || Array.isArray(record)) throw new TypeError('expected a JSON object {"id", "text", "reference_date"}')
      id = record.id ?? null
      if (typeof record.text !== 'string') throw new TypeError(`"text" must be a string, found ${JSON.stringify(record.text) ?? 'nothing'}`)
      const ref = record.reference_date ?? null
      if (ref !== null && typeof ref !== 'string') throw new TypeError(`"reference_date" must be YYYY-MM-DD or null, found ${JSON.stringify(ref)}`)
      const mentions = extractMentions(record.text, { referenceDate: ref, entities, currencyDefault })
      process.stdout.write(`${JSON.stringify({ id, mentions })}\n`)
    } catch (err) {
      process.stdout.write(`${JSON.stringify({ line: lineNumber, id, error: (err as Error).message })}\n`)
    }
  }
}

export async function main(argv: string[]): Promise<number> {
  let args: ReturnType<typeof parse>
  const parse = (a: string[]) =>
    parseArgs({
      args: a,
      options: { 'reference-date': { type: 'string' }, 'currency-default': { type: 'string' }, jsonl: { type: 'boolean' }, entities: { type: 'string' } },
      strict: true,
    })
  const usage = 'usage: extract [--reference-date YYYY-MM-DD] [--currency-default ISO4217] [--entities FILE] [--jsonl] < input\n'
  try {
    args = parse(argv)
  } catch (err) {
    process.stderr.write(`extract: ${(err as Error).message}\n${usage}`)
    return 2
  }
  const currency = parseCurrencyDefault(args.values['currency-default'])
  if ('error' in currency) {
    process.stderr.write(`extract: ${currency.error}\n${usage}`)
    return 2
  }
  const entities = loadEntities(args.values.entities ?? DEFAULT_ENTITIES)
  if (args.values.jsonl) {
    await runJsonl(entities, currency.currency)
    return 0
  }
  const text = decodeUtf8(await readStdin())
  const mentions = extractMentions(text, { referenceDate: args.values['reference-date'] ?? null, entities, currencyDefault: currency.currency })
  process.stdout.write(`${JSON.stringify({ mentions })}\n`)
  return 0
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (err) => {
      process.stderr.write(`extract: ${(err as Error).message}\n`)
      process.exitCode = 1
    },
  )
}
