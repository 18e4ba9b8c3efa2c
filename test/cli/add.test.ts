import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { main as ingestStage } from '../../pipeline/01-ingest.ts'
import { type AddOptions, main as add } from '../../pipeline/cli/add.ts'
import { sha256 } from '../../pipeline/store/files.ts'
import { ROOT } from '../../pipeline/store/layout.ts'
import { publicationDate } from '../../pipeline/store/new-source.ts'
import { ingest, MAX_ARTICLE_BYTES } from '../../pipeline/store/sources.ts'
import type { SourceMeta } from '../../pipeline/store/stage-outputs.ts'
import { validator } from '../../pipeline/store/validate.ts'
import { quietly, tempDir } from '../helpers/run.ts'

const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'add')
const fixture = (name: string) => path.join(FIXTURES, name)
const PAGE = fs.readFileSync(fixture('news-page.html'), 'utf8')
const SEED = '000_2e1e9aed17e7acf1'

interface Run {
  ids: string[]
  log: string
  error: Error | null
}

/** Runs make add's main on a raw folder: the ids it prints, what it logs, the error it stops with. */
function run(raw: string, options: Partial<AddOptions>): Run {
  const ids: string[] = []
  const captured: string[] = []
  const write = process.stderr.write
  process.stderr.write = ((chunk: string | Uint8Array) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'))
    return true
  }) as typeof process.stderr.write
  let error: Error | null = null
  try {
    add({ file: '', raw, url: '', published: '', publisher: '', title: '', language: '', replace: '', ...options }, (id) => ids.push(id))
  } catch (err) {
    error = err as Error
  } finally {
    process.stderr.write = write
  }
  return { ids, log: captured.join(''), error }
}

/** Every file under a folder with the sha256 of its bytes: equal before and after means nothing was written. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const f of (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[]).sort()) {
    const file = path.join(dir, f)
    out[f] = fs.statSync(file).isDirectory() ? 'folder' : sha256(fs.readFileSync(file))
  }
  return out
}

const sourceOf = (raw: string, id: string) => JSON.parse(fs.readFileSync(path.join(raw, id, 'source.json'), 'utf8')) as SourceMeta
const articleOf = (raw: string, id: string) => fs.readFileSync(path.join(raw, id, 'article.txt'), 'utf8')

/** A file of the test's own with the given content, outside raw/. */
function inputFile(name: string, content: string | Uint8Array): string {
  const file = path.join(tempDir('add-in'), name)
  fs.writeFileSync(file, content)
  return file
}

/** Adds one article that must be accepted; returns its id. */
function added(raw: string, options: Partial<AddOptions>): string {
  const r = run(raw, options)
  if (r.error) throw new Error(`${r.error.message}\n${r.log}`)
  expect(r.ids).toHaveLength(1)
  return r.ids[0]
}

/** Runs an add that must be refused with nothing written; returns the message. */
function refused(options: Partial<AddOptions>, raw = tempDir('add-raw')): string {
  const before = snapshot(raw)
  const r = run(raw, options)
  expect(r.error, r.log).not.toBeNull()
  expect(r.ids).toEqual([])
  expect(snapshot(raw)).toEqual(before)
  return r.error?.message ?? ''
}

describe('make add with a saved news page', () => {
  it('keeps the story, one paragraph a line under its headline, and none of the chrome around it', () => {
    const raw = tempDir('add-raw')
    const id = added(raw, { file: fixture('news-page.html') })
    const lines = articleOf(raw, id).split('\n')
    expect(lines[0]).toBe('澄川储能完成3.5亿元B轮融资')
    expect(lines).toHaveLength(6)
    expect(lines[1]).toBe(
      '砺石财讯3月6日消息，工商储能系统集成商澄川储能近日宣布完成3.5亿元人民币B轮融资，本轮由远澜资本领投，青梧创投、北辰产业基金跟投，老股东霁光资本继续追加投资。',
    )
    expect(lines[5]).toBe('宋以宁在接受采访时称，公司计划在明年启动下一轮融资，届时将重点引入产业方股东。')
    const text = lines.join('\n')
    // navigation, share bars, ads (in the story too), copyright, related articles, comments, sidebar, footer, editor credit
    for (const chrome of [
      '首页',
      '分享到',
      '微信',
      '云端服务器',
      '推广',
      '版权',
      '相关阅读',
      '又一家储能企业',
      '网友评论',
      '估值普遍偏高',
      '热门文章',
      '扫码',
      'ICP',
      '责任编辑',
      '返回顶部',
    ])
      expect(text, chrome).not.toContain(chrome)
  })

  it('takes the metadata from the JSON-LD NewsArticle first, and the date in the timestamp’s own offset', () => {
    const raw = tempDir('add-raw')
    const id = added(raw, { file: fixture('news-page.html') })
    const meta = sourceOf(raw, id)
    expect(validator('source')(meta)).toBe(true)
    expect(meta).toMatchObject({
      source_id: id,
      title: '澄川储能完成3.5亿元B轮融资', // og:title differs: the JSON-LD headline wins
      publisher: '砺石财讯', // og:site_name says 砺石财讯网; the WebSite node of the @graph is not the publisher
      url: 'https://news.lishi-caixun.example/vc/2024/0306/88231.html', // mainEntityOfPage, not og:url with its ?from=og
      language: 'zh-Hans',
      published_on: '2024-03-06', // 01:20 at +08:00, 2024-03-05 in UTC
      retrieved_on: null,
    })
    expect(meta.notes).toContain('title: JSON-LD headline; publisher: JSON-LD publisher.name; url: JSON-LD mainEntityOfPage')
    expect(meta.notes).toContain('published_on: JSON-LD datePublished (2024-03-06T01:20:00+08:00)')
  })

  it('falls back to Open Graph, then the canonical link made absolute, then the story’s <h1>', () => {
    const withoutLd = PAGE.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '')
    const raw = tempDir('add-raw')
    const og = sourceOf(raw, added(raw, { file: inputFile('og.html', withoutLd) }))
    expect(og).toMatchObject({
      title: '澄川储能完成3.5亿元B轮融资，远澜资本领投',
      publisher: '砺石财讯网',
      url: 'https://news.lishi-caixun.example/vc/2024/0306/88231.html?from=og',
      published_on: '2024-03-06',
    })
    const bare = withoutLd
      .replace(/<meta property="(og|article):[^>]*>/g, '')
      .replace('href="/vc/2024/0306/88231.html"', 'href="https://news.lishi-caixun.example/vc/88231.html"')
    const raw2 = tempDir('add-raw')
    const plain = sourceOf(raw2, added(raw2, { file: inputFile('bare.html', bare) }))
    expect(plain).toMatchObject({
      title: '澄川储能完成3.5亿元B轮融资',
      publisher: null,
      url: 'https://news.lishi-caixun.example/vc/88231.html',
      published_on: null,
    })
    expect(plain.notes).toContain('title: the <h1> of <article> or <main>; publisher: not given; url: <link rel="canonical">')
  })

  it('lets URL=, PUBLISHED=, PUBLISHER=, TITLE= and LANGUAGE= override the page', () => {
    const raw = tempDir('add-raw')
    const id = added(raw, {
      file: fixture('news-page.html'),
      url: 'https://mirror.example/88231',
      published: '2024-03-07',
      publisher: '砺石财讯（转载）',
      title: '澄川储能B轮融资',
      language: 'zh-CN',
    })
    expect(sourceOf(raw, id)).toMatchObject({
      url: 'https://mirror.example/88231',
      published_on: '2024-03-07',
      publisher: '砺石财讯（转载）',
      title: '澄川储能B轮融资',
      language: 'zh-CN',
    })
    // the article text is the page's own, whatever the options say, so the id is the same
    expect(id).toBe(added(tempDir('add-raw'), { file: fixture('news-page.html') }))
  })

  it('makes a line of each <br>-separated paragraph, with no space where the HTML source broke a Chinese sentence', () => {
    const page =
      '<html><head><meta charset="utf-8"><title>示例</title></head><body><main><article><h1>汀兰文旅完成Pre-A轮融资</h1><p>　　文旅数字化服务商汀兰文旅近日完成数千万元Pre-A轮融资，\n    由岭南一家产业基金投资。<br><br>　　公司表示，资金将用于景区票务系统的升级。<br>Tinglan 的 SaaS 产品已覆盖三十多个景区。</p></article></main></body></html>'
    const raw = tempDir('add-raw')
    expect(articleOf(raw, added(raw, { file: inputFile('br.html', page) })).split('\n')).toEqual([
      '汀兰文旅完成Pre-A轮融资',
      '文旅数字化服务商汀兰文旅近日完成数千万元Pre-A轮融资，由岭南一家产业基金投资。',
      '公司表示，资金将用于景区票务系统的升级。',
      'Tinglan 的 SaaS 产品已覆盖三十多个景区。',
    ])
  })

  it('refuses a page that is only chrome, and one saved in another encoding, naming its charset', () => {
    const chromeOnly =
      '<html><head><meta charset="utf-8"><title>示例站</title></head><body><nav><a href="/">首页</a></nav><main><article><h1>页面不存在</h1><p>抱歉，您访问的页面不存在或已被删除</p><p>返回首页</p></article></main><footer>版权所有 © 示例站</footer></body></html>'
    expect(refused({ file: inputFile('gone.html', chromeOnly) })).toMatch(/gone\.html .*\n {2}the body is only page chrome/)
    const gbk = Buffer.concat([
      Buffer.from('<html><head><meta charset="gbk"></head><body><p>'),
      Buffer.from([0xb4, 0xa2, 0xc4, 0xdc, 0xff]),
      Buffer.from('</p></body></html>'),
    ])
    expect(refused({ file: inputFile('gbk.html', gbk) })).toMatch(/invalid UTF-8 at byte offset \d+.*the page declares charset=gbk: convert it first/)
  })
})

describe('make add with a text file', () => {
  it('keeps the bytes as received, the first line as the title, and the options as metadata', () => {
    const raw = tempDir('add-raw')
    const id = added(raw, { file: fixture('flash.txt'), url: 'https://flash.example/lanzhou', published: '2024-04-02T08:15:00+08:00', publisher: '青禾快讯' })
    expect(fs.readFileSync(path.join(raw, id, 'article.txt'))).toEqual(fs.readFileSync(fixture('flash.txt')))
    const meta = sourceOf(raw, id)
    expect(meta).toMatchObject({
      title: '岚舟物流获5000万元A轮融资',
      publisher: '青禾快讯',
      url: 'https://flash.example/lanzhou',
      published_on: '2024-04-02',
      language: 'zh-Hans',
    })
    expect(validator('source')(meta)).toBe(true)
    expect(fs.readdirSync(raw)).toEqual([id])
  })

  it('detects traditional characters as zh-Hant and keeps a language given with the article', () => {
    const raw = tempDir('add-raw')
    const hant = sourceOf(raw, added(raw, { file: fixture('hk-flash.txt') }))
    expect(hant.language).toBe('zh-Hant')
    expect(hant.notes).toMatch(/language: detected from the characters: [1-9]\d* traditional-only, 0 simplified-only/)
    const raw2 = tempDir('add-raw')
    expect(sourceOf(raw2, added(raw2, { file: fixture('hk-flash.txt'), language: 'zh-HK' })).language).toBe('zh-HK')
    expect(refused({ file: fixture('hk-flash.txt'), language: 'en' })).toMatch(/LANGUAGE=: "en" is not a language tag of Chinese/)
  })

  it('reads a title given with TITLE= as not being the first line, so a one-line text has a body', () => {
    const file = inputFile('one-line.txt', '据悉，青鸾航空已经完成新一轮融资，投资方包括两家本地产业基金。')
    expect(refused({ file })).toMatch(/the article has a title but no body .*give TITLE= when the first line is not the title/)
    const raw = tempDir('add-raw')
    expect(sourceOf(raw, added(raw, { file, title: '青鸾航空完成新一轮融资' })).title).toBe('青鸾航空完成新一轮融资')
  })
})

describe('make add refuses, writing nothing', () => {
  it.each([
    [
      'invalid UTF-8',
      () => ({ file: inputFile('bad.txt', Buffer.concat([Buffer.from('标题\n正文'), Buffer.from([0xe4, 0xb8])])) }),
      /invalid UTF-8 at byte offset 13: byte 0xe4/,
    ],
    [
      'a UTF-16 text',
      () => ({ file: inputFile('utf16.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('标题\n正文', 'utf16le')])) }),
      /the text is UTF-16 .*iconv -f UTF-16 -t UTF-8/,
    ],
    ['an empty file', () => ({ file: inputFile('empty.txt', '\n\n') }), /the article is empty/],
    [
      'a body of page chrome',
      () => ({ file: inputFile('chrome.txt', '某公司融资\n分享到：微信 微博\n责任编辑：王某\n版权所有 © 示例网') }),
      /the body is only page chrome \(3 line\(s\)/,
    ],
    [
      'a body with no Chinese text',
      () => ({
        file: inputFile(
          'english.txt',
          '星河 raises money\nThe robotics startup Xinghe said on Monday that it had closed a new funding round led by a local fund.',
        ),
      }),
      /no Chinese text: the body has 0 Chinese character\(s\)/,
    ],
    ['a date that is not a date', () => ({ file: fixture('flash.txt'), published: '2024-02-30' }), /PUBLISHED=: "2024-02-30" is not a date/],
    ['a timestamp that is not a time', () => ({ file: fixture('flash.txt'), published: '2024-02-03T25:00:00+08:00' }), /is not a date/],
    [
      'a URL that is not http(s)',
      () => ({ file: fixture('flash.txt'), url: 'javascript:alert(1)' }),
      /URL=: "javascript:alert\(1\)" is not an http\(s\) URL: its scheme is javascript/,
    ],
    ['a URL that is not absolute', () => ({ file: fixture('flash.txt'), url: 'flash.example/1' }), /is not an http\(s\) URL: it is not an absolute URL/],
    [
      'a file over the maximum article size',
      () => ({ file: inputFile('big.txt', `标题\n${'融'.repeat(MAX_ARTICLE_BYTES / 3 + 1)}`) }),
      new RegExp(`the file is \\d+ bytes \\(expected at most ${MAX_ARTICLE_BYTES}\\b`),
    ],
    ['a title a spreadsheet would run as a formula', () => ({ file: fixture('flash.txt'), title: '=HYPERLINK("x")' }), /\/title\n.*may not begin with =/],
    ['a file that is not there', () => ({ file: path.join(FIXTURES, 'missing.txt') }), /missing\.txt .*\n {2}file not found/],
    ['another kind of file', () => ({ file: inputFile('page.pdf', '%PDF') }), /found a "\.pdf" file \(expected \.txt, \.html, \.htm or \.jsonl\)/],
  ])('%s', (_what, options, message) => {
    expect(refused(options())).toMatch(message)
  })

  it('a page whose own date is not a date, saying PUBLISHED= overrides it', () => {
    const page = PAGE.replace('"datePublished": "2024-03-06T01:20:00+08:00"', '"datePublished": "昨天 18:00"')
    expect(refused({ file: inputFile('undated.html', page) })).toMatch(
      /JSON-LD datePublished: "昨天 18:00" is not a date .*give PUBLISHED=YYYY-MM-DD to override the page/,
    )
  })

  it('a page whose only URL is relative, with nothing to resolve it against', () => {
    const page = PAGE.replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '').replace(/<meta property="og:url"[^>]*>/, '')
    expect(refused({ file: inputFile('relative.html', page) })).toMatch(/<link rel="canonical">: "\/vc\/2024\/0306\/88231\.html" is not an http\(s\) URL/)
  })
})

describe('publicationDate', () => {
  it.each([
    ['2024-03-05', '2024-03-05'],
    ['2024-03-05T23:30:00-05:00', '2024-03-05'],
    ['2024-03-06T01:20:00+08:00', '2024-03-06'],
    ['2024-03-06T01:20:00.123Z', '2024-03-06'],
    ['2024-03-06 01:20', '2024-03-06'],
    ['2024/3/6 09:05', '2024-03-06'],
    ['2024年3月6日', '2024-03-06'],
    ['2024-02-29', '2024-02-29'],
  ])('reads %s as %s', (value, date) => {
    expect(publicationDate(value)).toBe(date)
  })

  it.each(['2023-02-29', '2024-3-6', '2024-03-06T24:00', '2024-03-06T10:00+15:00', '昨天', '3月6日', ''])('refuses %s', (value) => {
    expect(publicationDate(value)).toBeNull()
  })
})

describe('make add with a JSON-lines batch', () => {
  it('adds the good lines, reports each bad one with its line number, skips it, and fails at the end', () => {
    const raw = tempDir('add-raw')
    const r = run(raw, { file: fixture('batch.jsonl') })
    expect(r.ids).toHaveLength(2)
    expect(fs.readdirSync(raw).sort()).toEqual([...r.ids].sort())
    expect(r.log).toMatch(/batch\.jsonl:3 \/published_on\n {2}the line's published_on: "2024-13-01" is not a date/)
    expect(r.log).toMatch(/batch\.jsonl:5 \(document\)\n {2}not JSON: /)
    expect(r.error?.message).toMatch(/batch\.jsonl: 2 added, 0 already in raw\/, 2 refused \(lines 3, 5/)
    const [text, page] = r.ids.map((id) => sourceOf(raw, id))
    expect(text).toMatchObject({ title: '栖木科技完成天使轮融资', publisher: '青禾快讯', published_on: '2024-05-20', language: 'zh-Hans' })
    expect(text.notes).toContain('batch.jsonl line 1')
    expect(page).toMatchObject({
      title: '雲杉醫療完成B輪融資',
      publisher: '示例財經',
      url: 'https://finance.yunshan.example/news/2024060301',
      language: 'zh-Hant',
    })
    expect(articleOf(raw, r.ids[1])).not.toMatch(/首頁|責任編輯|版權/)
  })

  it('applies PUBLISHER= and LANGUAGE= to every line that lacks them, and refuses URL= for a batch', () => {
    const batch = inputFile(
      'two.jsonl',
      `${JSON.stringify({ text: '甲公司完成融资\n甲公司宣布完成新一轮融资，投资方为乙基金。' })}\n${JSON.stringify({ text: '丙公司完成融资\n丙公司宣布完成新一轮融资，投资方为丁基金。', publisher: '另一家' })}\n`,
    )
    const raw = tempDir('add-raw')
    const r = run(raw, { file: batch, publisher: '示例快讯', language: 'zh-CN' })
    expect(r.error).toBeNull()
    expect(r.ids.map((id) => [sourceOf(raw, id).publisher, sourceOf(raw, id).language])).toEqual([
      ['示例快讯', 'zh-CN'],
      ['另一家', 'zh-CN'],
    ])
    expect(refused({ file: batch, url: 'https://x.example/1' })).toMatch(/URL= describe one article: a \.jsonl batch gives them on each line/)
  })

  it('adds a text told twice in one batch once, and exits without an error', () => {
    const line = `${JSON.stringify({ text: '甲公司完成融资\n甲公司宣布完成新一轮融资，投资方为乙基金。' })}\n`
    const raw = tempDir('add-raw')
    const r = run(raw, { file: inputFile('twice.jsonl', line + line) })
    expect(r.error).toBeNull()
    expect(r.ids).toHaveLength(1)
    expect(r.log).toContain(`twice.jsonl:2: already in raw/ as ${r.ids[0]}`)
    expect(r.log).toMatch(/twice\.jsonl: 1 added, 1 already in raw\/, 0 refused/)
  })

  it('refuses a line with an unknown field, with both text and html, or invalid UTF-8', () => {
    const lines = [
      Buffer.from(`${JSON.stringify({ text: '甲公司完成融资\n甲公司宣布完成新一轮融资。', publised_on: '2024-01-01' })}\n`),
      Buffer.from(`${JSON.stringify({ text: '甲', html: '<p>乙</p>' })}\n`),
      Buffer.from('{"text": "甲公司完成融资\\n甲公司宣布完成新一轮融资。", "constructor": "x"}\n'),
      Buffer.concat([Buffer.from('{"text": "'), Buffer.from([0xff]), Buffer.from('"}\n')]),
    ]
    const raw = tempDir('add-raw')
    const r = run(raw, { file: inputFile('bad.jsonl', Buffer.concat(lines)) })
    expect(r.ids).toEqual([])
    expect(r.log).toMatch(/bad\.jsonl:1 \/publised_on\n {2}unknown field "publised_on"/)
    expect(r.log).toMatch(/bad\.jsonl:2 \(document\)\n {2}expected exactly one of "text"/)
    expect(r.log).toMatch(/bad\.jsonl:3 \/constructor\n {2}unknown field "constructor"/)
    expect(r.log).toMatch(/bad\.jsonl:4 \(document\)\n {2}the line is not UTF-8: invalid UTF-8 at byte offset 10/)
    expect(fs.readdirSync(raw)).toEqual([])
  })
})

describe('make add with what raw/ already holds', () => {
  it('recognizes the same text: "already in raw/ as <id>", nothing written, no error, even with other line breaks', () => {
    const raw = tempDir('add-raw')
    const id = added(raw, { file: fixture('flash.txt') })
    const before = snapshot(raw)
    for (const file of [fixture('flash.txt'), inputFile('crlf.txt', fs.readFileSync(fixture('flash.txt'), 'utf8').replace(/\n/g, '\r\n'))]) {
      const again = run(raw, { file, url: 'https://elsewhere.example/1' })
      expect(again.error).toBeNull()
      expect(again.ids).toEqual([])
      expect(again.log).toContain(`already in raw/ as ${id} (the same text); nothing written`)
    }
    expect(snapshot(raw)).toEqual(before)
  })

  it('recognizes a source curated by hand, whatever its folder is called', () => {
    const raw = tempDir('add-raw')
    fs.cpSync(path.join(ROOT, 'raw', SEED), path.join(raw, SEED), { recursive: true })
    const r = run(raw, { file: path.join(raw, SEED, 'article.txt') })
    expect(r.error).toBeNull()
    expect(r.ids).toEqual([])
    expect(r.log).toContain(`already in raw/ as ${SEED}`)
  })

  it('refuses the same url with another text unless REPLACE=1, which swaps the old source for the new', () => {
    const raw = tempDir('add-raw')
    const url = 'https://flash.example/lanzhou'
    const old = added(raw, { file: fixture('flash.txt'), url })
    const revised = inputFile('revised.txt', `${fs.readFileSync(fixture('flash.txt'), 'utf8')}（本文已更新：补充了投资方信息。）\n`)
    expect(refused({ file: revised, url: 'https://FLASH.example/lanzhou' }, raw)).toMatch(
      new RegExp(`the url https://FLASH.example/lanzhou is already the source ${old} with another text .*REPLACE=1 replaces that source`),
    )
    const r = run(raw, { file: revised, url, replace: '1' })
    expect(r.error).toBeNull()
    expect(fs.readdirSync(raw)).toEqual(r.ids)
    expect(r.ids[0]).not.toBe(old)
    expect(r.log).toContain(`(replacing ${old}, same url)`)
  })

  it('refuses to replace a source that has annotations, even with REPLACE=1', () => {
    const raw = tempDir('add-raw')
    const url = 'https://flash.example/lanzhou'
    const old = added(raw, { file: fixture('flash.txt'), url })
    fs.writeFileSync(path.join(raw, old, 'annotations.yaml'), 'review: { status: reviewed }\n')
    const revised = inputFile('revised.txt', `${fs.readFileSync(fixture('flash.txt'), 'utf8')}补充一句。\n`)
    expect(refused({ file: revised, url, replace: '1' }, raw)).toMatch(/REPLACE=1 would drop .*annotations\.yaml, written for the other text/)
  })

  it('refuses to add while a folder written aside by a stopped run is left in raw/', () => {
    const raw = tempDir('add-raw')
    fs.mkdirSync(path.join(raw, '.add-src-0000000000000000-123'))
    expect(refused({ file: fixture('flash.txt') }, raw)).toMatch(/\.add-src-0000000000000000-123: a folder make add left when it was stopped while writing/)
  })

  it('refuses REPLACE with another value than 1', () => {
    expect(refused({ file: fixture('flash.txt'), replace: 'yes' })).toMatch(/REPLACE must be 1/)
  })
})

describe('sources added by make add', () => {
  it('are read by 01-ingest as they are by the build, a page, a text and a batch in one raw/', async () => {
    const raw = tempDir('add-raw')
    const ids = [
      added(raw, { file: fixture('news-page.html') }),
      added(raw, { file: fixture('hk-flash.txt') }),
      ...run(raw, { file: fixture('batch.jsonl') }).ids,
    ]
    expect(ids).toHaveLength(4)
    const out = tempDir('add-ingest')
    await quietly(() => ingestStage({ raw, out }))
    for (const id of ids) {
      const doc = JSON.parse(fs.readFileSync(path.join(out, `${id}.json`), 'utf8'))
      expect([doc.source_id, `src-${doc.text_sha256.slice(0, 16)}`]).toEqual([id, id])
    }
  })
})

describe('source ids', () => {
  it('are src- and the first 16 hex digits of the text_sha256 the build computes, the same bytes in any raw folder', () => {
    const a = tempDir('add-raw')
    const b = tempDir('add-raw')
    const id = added(a, { file: fixture('news-page.html') })
    expect(added(b, { file: fixture('news-page.html') })).toBe(id)
    expect(snapshot(a)).toEqual(snapshot(b))
    const meta = sourceOf(a, id)
    const ingested = ingest(meta, fs.readFileSync(path.join(a, id, 'article.txt')), 'article.txt')
    expect(id).toBe(`src-${ingested.text_sha256.slice(0, 16)}`)
  })

  it('differ when the text differs by one character', () => {
    const a = added(tempDir('add-raw'), { file: fixture('flash.txt') })
    const b = added(tempDir('add-raw'), { file: inputFile('flash.txt', fs.readFileSync(fixture('flash.txt'), 'utf8').replace('5000万元', '6000万元')) })
    expect(a).not.toBe(b)
  })
})
