import { describe, expect, it } from 'vitest'
import { codePointIndexer, decodeUtf8, foldText, sliceCodePoints } from '../../pipeline/normalize/text.ts'

describe('foldText', () => {
  it('keeps the length of the text so offsets carry over', () => {
    const text = '２０１９年，ＯｐｅｎＡＩ融资１０亿美元（约）😀'
    expect(foldText(text)).toHaveLength(text.length)
  })
  it('turns full-width digits and letters into ASCII lower case', () => {
    expect(foldText('ＡＢｃ１２３XYZ')).toBe('abc123xyz')
  })
  it('turns capital and traditional numerals into everyday ones', () => {
    expect(foldText('壹贰叁肆伍陆柒捌玖拾佰仟萬億〇')).toBe('一二三四五六七八九十百千万亿零')
  })
})

describe('code point offsets', () => {
  it('maps UTF-16 indices past astral characters', () => {
    const text = 'a😀b𠀀c'
    const at = codePointIndexer(text)
    expect([at(0), at(1), at(3), at(4), at(6), at(7)]).toEqual([0, 1, 2, 3, 4, 5])
    expect(sliceCodePoints(text, 2, 4)).toBe('b𠀀')
  })
})

describe('decodeUtf8', () => {
  it('decodes valid UTF-8', () => {
    expect(decodeUtf8(new TextEncoder().encode('马斯克'))).toBe('马斯克')
  })
  it.each([
    [[0x61, 0xff, 0x62], 1],
    [[0xe9, 0xa9], 0],
    [[0x61, 0x62, 0xc0, 0x80], 2],
    [[0xed, 0xa0, 0x80], 0],
    [[0xe4, 0xb8, 0xad, 0xe4, 0x28], 3],
  ])('names the byte offset of the first bad sequence in %j', (bytes, offset) => {
    expect(() => decodeUtf8(Uint8Array.from(bytes))).toThrow(`invalid UTF-8 at byte offset ${offset}:`)
  })
})
