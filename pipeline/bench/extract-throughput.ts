/**
 * bench-extract: extraction throughput (MB/s of UTF-8) on a generated news-like text, one core,
 * against a plain scan of the same text (the floor). A benchmark, not a test: prints figures to stdout.
 * The machine is shared, so the CPU time of the process (process.cpuUsage) is reported beside the wall
 * time: MB per CPU-second is what one core does when nothing else competes for it.
 */

import { performance } from 'node:perf_hooks'
import { readEntityMatcher } from '../curate/entity-list.ts'
import { extractMentions } from '../normalize/mentions.ts'
import { DEFAULT_ENTITIES } from '../store/layout.ts'

const SENTENCES = [
  '2019年3月11日,OpenAI向外界公布了这项决定。',
  '在不到半年的时间里,OpenAI从微软获得了10亿美元。',
  '我捐赠了约1亿美元的非营利组织是如何变成300亿美元市值的营利组织的?',
  '仅一年时间,全球AI公司的估值就从30倍暴跌至15倍左右。',
  '2023年1月底,该款应用就获得了超过1亿用户。',
  '该公司去年营收16.4亿元人民币,同比增长35%,净利润约为3000多万元。',
  '据悉,本轮融资由红杉资本领投,金额在8500万到1.2亿美元之间。',
  '这是一段没有任何数字的普通新闻文字,用来模拟正文中的大量叙述内容。',
]

function generate(bytes: number): string {
  const parts: string[] = []
  let size = 0
  for (let i = 0; size < bytes; i++) {
    const s = SENTENCES[(i * 7 + (i >> 3)) % SENTENCES.length]
    parts.push(s)
    size += Buffer.byteLength(s)
  }
  return parts.join('\n')
}

const megabytes = Number(process.env.BENCH_MB ?? 20)
const text = generate(megabytes * 1024 * 1024)
const mb = Buffer.byteLength(text) / 1024 / 1024
const entities = readEntityMatcher(DEFAULT_ENTITIES)

process.stderr.write(`bench-extract: ${mb.toFixed(1)} MB of generated text\n`)
let t = performance.now()
let digits = 0
for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 58 && text.charCodeAt(i) > 47) digits++
const scanSeconds = (performance.now() - t) / 1000

extractMentions(text.slice(0, 100_000), { entities }) // warm-up
t = performance.now()
const cpu = process.cpuUsage()
const mentions = extractMentions(text, { entities })
const seconds = (performance.now() - t) / 1000
const used = process.cpuUsage(cpu)
const cpuSeconds = (used.user + used.system) / 1e6
process.stdout.write(
  `${JSON.stringify({ input_mb: Number(mb.toFixed(2)), mentions: mentions.length, seconds: Number(seconds.toFixed(3)), mb_per_s: Number((mb / seconds).toFixed(2)), cpu_seconds: Number(cpuSeconds.toFixed(3)), mb_per_cpu_s: Number((mb / cpuSeconds).toFixed(2)), plain_scan_mb_per_s: Number((mb / scanSeconds).toFixed(1)), digits_seen: digits, target_mb_per_s: 5 })}\n`,
)
