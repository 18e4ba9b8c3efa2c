/**
 * Published releases made up for the site's tests (the story and its sentences are the team's own,
 * about companies that do not exist): two versions, the latest with the machine tier, funding in
 * three currencies converted to US dollars (amount_usd, usd_rate, usd_rate_period) where a rate
 * exists, the one-file formats (xlsx, duckdb, sqlite), undated rows, an entity whose name is a
 * <script> element and a source whose URL is not http(s). Writes <dir>/releases and <dir>/raw.
 */
import fs from 'node:fs'
import path from 'node:path'
import Papa from 'papaparse'
import { normalizeText } from '../../pipeline/normalize/text.ts'
import { describeFiles, listFiles } from '../../pipeline/publish/release-index.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { frictionlessSchema, TABLES, type TableName } from '../../pipeline/store/table-schemas.ts'

type Row = Record<string, string>

export const SCRIPT_NAME = 'Lanwan <script>window.__injected = 1</script> Capital'

export const ARTICLES: Record<string, { text: string; meta: Row }> = {
  'fx-001': {
    text: '星河芯片宣布完成5亿元B轮融资，由蓝湾资本领投，松涛创投跟投。星河芯片由林晓于2019年创立。2023年，公司推出首款芯片星河一号。\n',
    meta: { title: '星河芯片完成B轮融资', publisher: '示例财经', url: 'https://example.com/news/1', published_on: '2024-03-05' },
  },
  'fx-002': {
    text: '2023年6月，蓝湾资本向晨光机器人投资300万美元。松涛创投还向星河芯片投资2000万港元。林晓表示将继续招聘。\n',
    meta: { title: '蓝湾资本投资晨光机器人', publisher: '示例周刊', url: 'javascript:alert(1)', published_on: '2023-06-20' },
  },
}

const ENTITIES: Row[] = [
  { entity_id: 'chenguang-robotics', entity_type: 'organization', name_en: 'Chenguang Robotics', name_zh: '晨光机器人', review_status: 'machine' },
  { entity_id: 'lanwan-capital', entity_type: 'organization', name_en: SCRIPT_NAME, name_zh: '蓝湾资本', review_status: 'reviewed' },
  { entity_id: 'lin-xiao', entity_type: 'person', name_en: 'Lin Xiao', name_zh: '林晓', review_status: 'reviewed' },
  { entity_id: 'songtao-ventures', entity_type: 'organization', name_en: 'Songtao Ventures', name_zh: '松涛创投', review_status: 'machine' },
  { entity_id: 'xinghe-chips', entity_type: 'organization', name_en: 'Xinghe Chips', name_zh: '星河芯片', review_status: 'reviewed' },
  { entity_id: 'xinghe-one', entity_type: 'product', name_en: 'Xinghe One', name_zh: '星河一号', review_status: 'machine' },
]

const day = (d: string) => ({ date_start: d, date_end: d, date_precision: 'day' })
const month = (m: string, last: string) => ({ date_start: `${m}-01`, date_end: `${m}-${last}`, date_precision: 'month', date_edtf: m })
const year = (y: string) => ({ date_start: `${y}-01-01`, date_end: `${y}-12-31`, date_precision: 'year', date_edtf: y })
const undated = { date_precision: 'unknown' }

// ids in an order that is not the date order, so a page sorted by id would show
const EVENTS: Row[] = [
  {
    event_id: 'a-xinghe-series-b',
    event_type: 'funding',
    subject_id: 'xinghe-chips',
    summary_en: 'Xinghe Chips completes a series B round led by Lanwan.',
    summary_zh: '星河芯片完成B轮融资。',
    date_text: '',
    ...day('2024-03-05'),
    status: 'reported',
    review_status: 'machine',
  },
  {
    event_id: 'b-lin-xiao-hiring',
    event_type: 'statement',
    subject_id: 'lin-xiao',
    summary_en: 'Lin Xiao says the company will keep hiring.',
    summary_zh: '林晓表示将继续招聘。',
    date_text: '',
    ...undated,
    status: 'reported',
    review_status: 'reviewed',
  },
  {
    event_id: 'c-xinghe-one-launched',
    event_type: 'launched',
    subject_id: 'xinghe-chips',
    summary_en: 'Xinghe Chips launches its first chip, the Xinghe One, a label long enough to need a second line on any screen.',
    summary_zh: '星河芯片推出首款芯片星河一号。',
    date_text: '2023年',
    ...year('2023'),
    status: 'reported',
    review_status: 'reviewed',
  },
  {
    event_id: 'd-xinghe-founded',
    event_type: 'founded',
    subject_id: 'xinghe-chips',
    summary_en: 'Lin Xiao founds Xinghe Chips.',
    summary_zh: '林晓创立星河芯片。',
    date_text: '2019年',
    ...year('2019'),
    status: 'reported',
    review_status: 'reviewed',
  },
  {
    event_id: 'e-lanwan-invests-chenguang',
    event_type: 'funding',
    subject_id: 'lanwan-capital',
    summary_en: 'Lanwan invests 3 million US dollars in Chenguang Robotics.',
    summary_zh: '蓝湾资本向晨光机器人投资300万美元。',
    date_text: '2023年6月',
    ...month('2023-06', '30'),
    status: 'reported',
    review_status: 'reviewed',
  },
]

const PARTICIPANTS: Row[] = [
  ['a-xinghe-series-b', 'xinghe-chips', 'recipient'],
  ['a-xinghe-series-b', 'lanwan-capital', 'investor'],
  ['a-xinghe-series-b', 'songtao-ventures', 'investor'],
  ['b-lin-xiao-hiring', 'lin-xiao', 'subject'],
  ['c-xinghe-one-launched', 'xinghe-chips', 'subject'],
  ['c-xinghe-one-launched', 'xinghe-one', 'subject'],
  ['d-xinghe-founded', 'xinghe-chips', 'subject'],
  ['d-xinghe-founded', 'lin-xiao', 'founder'],
  ['e-lanwan-invests-chenguang', 'chenguang-robotics', 'recipient'],
  ['e-lanwan-invests-chenguang', 'lanwan-capital', 'investor'],
].map(([event_id, entity_id, role]) => ({ event_id, entity_id, role }))

export const FUNDING: Row[] = [
  {
    funding_id: 'f-xinghe-b',
    event_id: 'a-xinghe-series-b',
    funding_type: 'investment',
    round: 'b',
    status: 'completed',
    recipient_id: 'xinghe-chips',
    funder_names: '蓝湾资本; 松涛创投',
    funders_complete: 'true',
    amount: '500000000',
    currency: 'CNY',
    amount_qualifier: 'exact',
    amount_usd: '69470000.25',
    usd_rate: '7.1974',
    usd_rate_period: '2024-03',
    date_text: '',
    ...day('2024-03-05'),
    review_status: 'machine',
  },
  {
    funding_id: 'f-chenguang-a',
    event_id: 'e-lanwan-invests-chenguang',
    funding_type: 'investment',
    round: 'a',
    status: 'completed',
    recipient_id: 'chenguang-robotics',
    funder_names: '蓝湾资本',
    funders_complete: 'true',
    amount: '3000000',
    currency: 'USD',
    amount_qualifier: 'exact',
    amount_usd: '3000000',
    usd_rate: '1',
    usd_rate_period: '2023-06',
    date_text: '2023年6月',
    ...month('2023-06', '30'),
    review_status: 'reviewed',
  },
  {
    funding_id: 'f-songtao-hkd',
    event_id: '',
    funding_type: 'investment',
    round: '',
    status: 'completed',
    recipient_id: 'xinghe-chips',
    funder_names: '松涛创投',
    funders_complete: 'true',
    amount: '20000000',
    currency: 'HKD',
    amount_qualifier: 'exact',
    amount_usd: '',
    usd_rate: '',
    usd_rate_period: '',
    date_text: '',
    ...undated,
    review_status: 'machine',
  },
]

const FUNDERS: Row[] = [
  ['f-chenguang-a', 'lanwan-capital', 'true'],
  ['f-songtao-hkd', 'songtao-ventures', 'false'],
  ['f-xinghe-b', 'lanwan-capital', 'true'],
  ['f-xinghe-b', 'songtao-ventures', 'false'],
].map(([funding_id, entity_id, is_lead]) => ({ funding_id, entity_id, is_lead }))

const QUOTES: [string, string, string, string][] = [
  ['events', 'a-xinghe-series-b', 'fx-001', '星河芯片宣布完成5亿元B轮融资'],
  ['funding', 'f-xinghe-b', 'fx-001', '星河芯片宣布完成5亿元B轮融资'],
  ['events', 'd-xinghe-founded', 'fx-001', '星河芯片由林晓于2019年创立'],
  ['events', 'c-xinghe-one-launched', 'fx-001', '2023年，公司推出首款芯片星河一号'],
  ['events', 'e-lanwan-invests-chenguang', 'fx-002', '蓝湾资本向晨光机器人投资300万美元'],
  ['funding', 'f-chenguang-a', 'fx-002', '蓝湾资本向晨光机器人投资300万美元'],
  ['funding', 'f-songtao-hkd', 'fx-002', '松涛创投还向星河芯片投资2000万港元'],
  ['events', 'b-lin-xiao-hiring', 'fx-002', '林晓表示将继续招聘'],
]

/** Code point offsets of `quote` in `text`. */
function span(text: string, quote: string): [number, number] {
  const at = text.indexOf(quote)
  if (at < 0) throw new Error(`fixture quote not in its article: ${quote}`)
  const start = Array.from(text.slice(0, at)).length
  return [start, start + Array.from(quote).length]
}

function tablesFor(version: 'old' | 'new'): Record<TableName, Row[]> {
  const texts = Object.fromEntries(Object.entries(ARTICLES).map(([id, a]) => [id, normalizeText(a.text)]))
  const sources = Object.entries(ARTICLES).map(([source_id, a]) => ({
    source_id,
    ...a.meta,
    language: 'zh-Hans',
    text_sha256: sha256(texts[source_id]),
    char_count: String(Array.from(texts[source_id]).length),
    rights: 'Written for the tests.',
  }))
  const evidence = QUOTES.map(([record_table, record_id, source_id, quote]) => {
    const [char_start, char_end] = span(texts[source_id], quote)
    return {
      evidence_id: sha256(`${record_table}/${record_id}`).slice(0, 16),
      record_table,
      record_id,
      source_id,
      char_start: `${char_start}`,
      char_end: `${char_end}`,
      quote,
    }
  })
  const mentions = ENTITIES.flatMap((e) =>
    Object.keys(ARTICLES).flatMap((source_id) => {
      const text = texts[source_id]
      if (!text.includes(e.name_zh)) return []
      const [s, t] = span(text, e.name_zh)
      return [
        { mention_id: `${source_id}:${s}-${t}`, source_id, char_start: `${s}`, char_end: `${t}`, text: e.name_zh, kind: 'entity', entity_id: e.entity_id },
      ]
    }),
  )
  const all = {
    sources,
    entities: ENTITIES,
    events: EVENTS,
    event_participants: PARTICIPANTS,
    funding: FUNDING,
    funders: FUNDERS,
    metrics: [],
    evidence,
    mentions,
  }
  if (version === 'new') return all
  // the older version: the first article only, from before the machine tier
  return {
    ...all,
    sources: sources.slice(0, 1),
    events: EVENTS.filter((e) => e.review_status === 'reviewed').slice(0, 2),
    funding: [],
    funders: [],
    mentions: [],
  }
}

/** The funding columns of the conversion, added after the schema's own when the schema does not have them yet. */
const EXTRA: Partial<Record<TableName, { name: string; type: string; description: string }[]>> = {
  funding: [
    { name: 'usd_rate', type: 'number', description: 'Units of the currency per US dollar used to fill amount_usd (fixture wording).' },
    { name: 'usd_rate_period', type: 'string', description: 'The month (YYYY-MM) or year whose average rate was used (fixture wording).' },
  ],
}

function writeRelease(releases: string, version: string, created: string, kind: 'old' | 'new'): void {
  const dir = path.join(releases, version)
  fs.mkdirSync(dir, { recursive: true })
  const tables = tablesFor(kind)
  const resources = TABLES.map((t) => {
    const schema = frictionlessSchema(t) as { fields: { name: string }[] }
    const own = new Set(schema.fields.map((f) => f.name))
    const extra = kind === 'new' ? (EXTRA[t] ?? []).filter((f) => !own.has(f.name)) : []
    const dropped = kind === 'old' ? ['review_status', 'round'] : []
    const fields = [...schema.fields.filter((f) => !dropped.includes(f.name)), ...extra]
    const columns = fields.map((f) => f.name)
    fs.writeFileSync(path.join(dir, `${t}.csv`), `${Papa.unparse(tables[t], { columns, newline: '\n' })}\n`)
    fs.writeFileSync(path.join(dir, `${t}.parquet`), `fixture parquet of ${t}\n`)
    return { name: t, path: `${t}.csv`, format: 'csv', hash: '', schema: { ...schema, fields } }
  })
  fs.writeFileSync(
    path.join(dir, 'datapackage.json'),
    JSON.stringify({ description: 'A made-up release for the site tests.', version, created, resources }, null, 2),
  )
  for (const doc of ['README.md', 'CHANGELOG.md', 'CITATION.cff', 'SHA256SUMS']) fs.writeFileSync(path.join(dir, doc), `${doc} of the fixture ${version}\n`)
  const formats = kind === 'new' ? ['tar.gz', 'xlsx', 'duckdb', 'sqlite'] : ['tar.gz']
  for (const ext of formats)
    fs.writeFileSync(path.join(dir, `fengkou-${version}.${ext}`), `fixture ${ext} of ${version}\n`.repeat(ext === 'duckdb' ? 4000 : 40))
}

export function writeSiteFixture(dir: string): { releases: string; raw: string } {
  const releases = path.join(dir, 'releases')
  const raw = path.join(dir, 'raw')
  writeRelease(releases, '1.0.0', '2026-01-10T10:00:00Z', 'old')
  writeRelease(releases, '1.1.0', '2026-02-20T10:00:00Z', 'new')
  const entries = [
    ['1.0.0', '2026-01-10T10:00:00Z'],
    ['1.1.0', '2026-02-20T10:00:00Z'],
  ].map(([version, created]) => {
    const d = path.join(releases, version)
    return { version, created, archive: `fengkou-${version}.tar.gz`, files: describeFiles(d, listFiles(d)) }
  })
  fs.writeFileSync(path.join(releases, 'index.json'), JSON.stringify({ latest: '1.1.0', releases: entries }, null, 2))
  for (const [id, a] of Object.entries(ARTICLES)) {
    fs.mkdirSync(path.join(raw, id), { recursive: true })
    fs.writeFileSync(path.join(raw, id, 'article.txt'), a.text)
  }
  return { releases, raw }
}

/** The fixture's rows of one table of the latest version, as written to its CSV. */
export const fixtureRows = (table: TableName): Row[] => tablesFor('new')[table]
