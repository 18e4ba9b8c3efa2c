/**
 * Text helpers shared by every normalizer: a length-preserving "fold" of the text that
 * the recognizers match against, code point offsets, and strict UTF-8 decoding.
 */

/**
 * One UTF-16 unit in, one out, so an index into the folded text is an index into the original.
 * Full-width ASCII becomes ASCII, capital and traditional numerals become everyday ones, the
 * traditional forms of the characters that money, number and qualifier words use become simplified
 * ones (so every word the recognizers know in simplified form is found in traditional text too),
 * and Latin letters are lower-cased.
 */
const FOLD: Record<string, string> = {
  萬: '万',
  億: '亿',
  〇: '零',
  '○': '零',
  兩: '两',
  俩: '两',
  倆: '两',
  壹: '一',
  贰: '二',
  貳: '二',
  叁: '三',
  參: '三',
  肆: '四',
  伍: '五',
  陆: '六',
  陸: '六',
  柒: '七',
  捌: '八',
  玖: '九',
  拾: '十',
  佰: '百',
  仟: '千',
  圆: '元',
  圓: '元',
  // traditional forms of the characters the money, number and qualifier words use (兩千萬港幣, 約3億新臺幣, 不足於)
  幣: '币',
  號: '号',
  個: '个',
  週: '周',
  於: '于',
  為: '为',
  約: '约',
  餘: '余',
  銖: '铢',
  盧: '卢',
  臺: '台',
  鎊: '镑',
  韓: '韩',
  歐: '欧',
  達: '达',
  總: '总',
  額: '额',
  資: '资',
  獲: '获',
  營: '营',
  淨: '净',
  潤: '润',
  虧: '亏',
  損: '损',
  過: '过',
  將: '将',
  點: '点',
  負: '负',
  長: '长',
  內: '内',
  數: '数',
  幾: '几',
  塊: '块',
  錢: '钱',
  計: '计',
  單: '单',
  門: '门',
  蘭: '兰',
  紐: '纽',
  價: '价',
  '．': '.',
  '，': ',',
  '－': '-',
  '～': '~',
  '／': '/',
  '：': ':',
  '％': '%',
  '＄': '$',
  '　': ' ',
  '\u00a0': ' ',
  '—': '-',
  '–': '-',
  '﹣': '-',
  '·': '·',
  '•': '·',
  '・': '·',
  '（': '(',
  '）': ')',
  // traditional characters of the words dates are written with (週 -> 周, 個 -> 个, 號 -> 号 ...)
  當: '当',
  後: '后',
  間: '间',
  來: '来',
  這: '这',
  時: '时',
  禮: '礼',
  該: '该',
  國: '国',
  慶: '庆',
  節: '节',
  聖: '圣',
  誕: '诞',
  兒: '儿',
  勞: '劳',
  動: '动',
  婦: '妇',
  軍: '军',
  黨: '党',
  師: '师',
  雙: '双',
  紀: '纪',
  開: '开',
  財: '财',
  歷: '历',
  曆: '历',
  裡: '里',
  裏: '里',
  從: '从',
  會: '会',
  屆: '届',
  現: '现',
  鐘: '钟',
  發: '发',
  佈: '布',
  稱: '称',
  舉: '举',
  簽: '签',
  線: '线',
}

/** FOLD by UTF-16 code, with the full-width digits and Latin letters and the capital Latin letters: one look-up per unit */
const FOLD_CODES = new Uint16Array(65536).map((_, code) => code)
for (let code = 0xff10; code <= 0xff19; code++) FOLD_CODES[code] = code - 0xff10 + 48
for (let code = 0xff21; code <= 0xff3a; code++) FOLD_CODES[code] = code - 0xff21 + 97
for (let code = 0xff41; code <= 0xff5a; code++) FOLD_CODES[code] = code - 0xff41 + 97
for (let code = 65; code <= 90; code++) FOLD_CODES[code] = code + 32
for (const [from, to] of Object.entries(FOLD)) {
  if (from.length !== 1 || to.length !== 1) throw new Error(`FOLD must map one UTF-16 unit to one: "${from}" -> "${to}"`)
  FOLD_CODES[from.charCodeAt(0)] = to.charCodeAt(0)
}

export function foldText(text: string): string {
  return foldUnits(text, FOLD_CODES)
}

/** Each UTF-16 unit of the text through a table of 65,536 (same length, same offsets); the runs between changed units are copied as they are: most of a Chinese text folds to itself. */
export function foldUnits(text: string, table: Uint16Array): string {
  let out = ''
  let run = 0
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const folded = table[code]
    if (folded === code) continue
    out += text.slice(run, i) + String.fromCharCode(folded)
    run = i + 1
  }
  return run === 0 ? text : out + text.slice(run)
}

/** Maps UTF-16 indices of `text` to code point indices (identity when there are no astral characters). */
export function codePointIndexer(text: string): (utf16Index: number) => number {
  if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i
  const map = new Uint32Array(text.length + 1)
  let cp = 0
  for (let i = 0; i < text.length; i++) {
    map[i] = cp
    const c = text.charCodeAt(i)
    const isHighSurrogate = c >= 0xd800 && c <= 0xdbff
    const next = text.charCodeAt(i + 1)
    if (isHighSurrogate && next >= 0xdc00 && next <= 0xdfff) {
      map[i + 1] = cp
      i++
    }
    cp++
  }
  map[text.length] = cp
  return (i) => map[i]
}

export function codePointLength(text: string): number {
  let n = 0
  for (const _ of text) n++
  return n
}

export class Utf8Error extends Error {
  constructor(
    readonly byteOffset: number,
    detail: string,
  ) {
    super(`invalid UTF-8 at byte offset ${byteOffset}: ${detail}`)
    this.name = 'Utf8Error'
  }
}

/** Decodes UTF-8 strictly; on failure names the byte offset of the first bad sequence. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    const offset = firstInvalidUtf8Offset(bytes)
    throw new Utf8Error(offset, `byte 0x${bytes[offset].toString(16).padStart(2, '0')} does not start or continue a valid sequence`)
  }
}

function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0
  while (i < bytes.length) {
    const b = bytes[i]
    let need = 0
    let min = 0
    if (b < 0x80) {
      i++
      continue
    }
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1
      min = 0x80
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2
      min = 0x800
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3
      min = 0x10000
    } else return i
    let cp = b & (0x3f >> need)
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k]
      if (c === undefined || (c & 0xc0) !== 0x80) return i
      cp = (cp << 6) | (c & 0x3f)
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i
    i += need + 1
  }
  return bytes.length
}

export interface Sentence {
  start: number
  end: number
}

/** Sentences end at 。！？!? or a line break; offsets in code points, end-exclusive, trailing breaks left out. */
export function splitSentences(text: string): Sentence[] {
  const chars = Array.from(text)
  const out: Sentence[] = []
  let start = 0
  for (let i = 0; i <= chars.length; i++) {
    const c = chars[i]
    const isEnd = i === chars.length || c === '\n' || '。！？!?'.includes(c)
    if (!isEnd) continue
    const end = c === '\n' || i === chars.length ? i : i + 1
    if (chars.slice(start, end).join('').trim() !== '') out.push({ start, end })
    start = i + 1
  }
  return out
}

export function normalizeText(raw: string): string {
  return raw.replace(/\r\n?/g, '\n').normalize('NFC')
}
