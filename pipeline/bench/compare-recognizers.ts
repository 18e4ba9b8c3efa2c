/**
 * compare-recognizers: a second opinion on money and numbers. Runs the project's normalizers and
 * Microsoft's Recognizers-Text (Chinese culture; a development dependency, never used by the
 * pipeline) on the inputs of the table-driven cases in test/normalize/{money,numbers,cjk-numbers}.test.ts
 * and lists every input where they disagree. A report for reading, not a test or a gate: the other
 * recognizer is wrong as often as not (it reads 1亿2亿 as a number, misses 约/超过, knows few currencies).
 * usage: make compare, or node --import tsx pipeline/bench/compare-recognizers.ts [TEST_FILE or TEXT.txt ...]
 */

import fs from 'node:fs'
import path from 'node:path'
import * as recognizers from '@microsoft/recognizers-text-suite'
import { extractMentions } from '../normalize/mentions.ts'
import { ROOT } from '../store/layout.ts'

const CASE_FILES = ['test/normalize/money.test.ts', 'test/normalize/numbers.test.ts', 'test/normalize/cjk-numbers.test.ts']
/** a table row starts with its input string: ['约为40亿美元', ...] */
const ROW = /^\s*\[\s*'((?:[^'\\]|\\.)+)'\s*,/gm

/** The input of every table row of the test files; a plain text file (.txt) gives its sentences instead. */
export function caseInputs(files: string[]): string[] {
  const inputs = new Set<string>()
  for (const file of files) {
    const text = fs.readFileSync(path.resolve(ROOT, file), 'utf8')
    if (file.endsWith('.txt')) for (const s of text.split(/(?<=[。！？!?\n])/)) s.trim() && inputs.add(s.trim())
    else for (const m of text.matchAll(ROW)) inputs.add(m[1].replace(/\\(.)/g, '$1'))
  }
  return [...inputs]
}

interface Opinion {
  money: string[]
  numbers: string[]
}

const show = (n: number) => String(Number(n.toPrecision(12)))

function ours(text: string): Opinion {
  const mentions = extractMentions(text)
  const money: string[] = []
  const numbers: string[] = []
  for (const m of mentions) {
    if (m.kind === 'money') money.push(m.amount === null ? `? ${m.currency}` : `${show(m.amount)} ${m.currency}`)
    if (m.kind === 'number' && m.number_value !== null) numbers.push(m.number_unit === 'percent' ? `${show(m.number_value)}%` : show(m.number_value))
  }
  return { money, numbers }
}

function theirs(text: string): Opinion {
  const culture = recognizers.Culture.Chinese
  const currencies = recognizers.recognizeCurrency(text, culture)
  const inside = (start: number, end: number) => currencies.some((c) => c.start <= start && end <= c.end)
  const money = currencies
    .filter((c) => c.resolution?.value !== undefined && c.resolution.value !== 'null')
    .map((c) => {
      const value = Number(c.resolution.value)
      return `${Number.isFinite(value) ? show(value) : '?'} ${c.resolution.isoCurrency ?? c.resolution.unit}`
    })
  const percents = recognizers.recognizePercentage(text, culture).map((p) => ({ ...p, value: `${show(Number.parseFloat(p.resolution.value))}%` }))
  const plain = recognizers
    .recognizeNumber(text, culture)
    .filter((n) => !inside(n.start, n.end) && !percents.some((p) => p.start <= n.start && n.end <= p.end))
    .map((n) => ({ ...n, value: show(Number(n.resolution.value)) }))
  const numbers = [...percents, ...plain].filter((n) => !inside(n.start, n.end)).sort((a, b) => a.start - b.start)
  return { money, numbers: numbers.map((n) => n.value) }
}

const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

export function compare(inputs: string[]): { input: string; ours: Opinion; theirs: Opinion }[] {
  const out: { input: string; ours: Opinion; theirs: Opinion }[] = []
  for (const input of inputs) {
    const a = ours(input)
    const b = theirs(input)
    if (!same(a.money, b.money) || !same(a.numbers, b.numbers)) out.push({ input, ours: a, theirs: b })
  }
  return out
}

function main(argv: string[]): void {
  const inputs = caseInputs(argv.length ? argv : CASE_FILES)
  const disagreements = compare(inputs)
  const list = (o: Opinion) => [...o.money.map((m) => `money ${m}`), ...o.numbers.map((n) => `number ${n}`)].join('; ') || '-'
  const lines = [`compare-recognizers: ${inputs.length} inputs, ${disagreements.length} disagreements (ours | Recognizers-Text)`]
  for (const d of disagreements) lines.push(d.input, `  ours:   ${list(d.ours)}`, `  theirs: ${list(d.theirs)}`)
  process.stdout.on('error', () => {}) // a reader that stops early (| head) is no failure
  process.stdout.write(`${lines.join('\n')}\n`)
}

main(process.argv.slice(2))
