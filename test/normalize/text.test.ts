import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { extractMentions } from '../../pipeline/normalize/mentions.ts'
import { codePointIndexer, decodeUtf8, foldText } from '../../pipeline/normalize/text.ts'
import { sliceCodePoints } from '../helpers/text.ts'

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
  it('turns the traditional forms of money, number and qualifier words into simplified ones', () => {
    expect(foldText('兩參陸圓幣號個週於為約餘○')).toBe('两三六元币号个周于为约余零')
    expect(foldText('新臺幣 港幣 澳門幣 韓元 歐元 英鎊 盧布 泰銖')).toBe('新台币 港币 澳门币 韩元 欧元 英镑 卢布 泰铢')
    expect(foldText('融資 獲得 營收 淨利潤 虧損 總額 超過 將近 點 負 以內 數 幾 塊錢 共計 單位 價')).toBe(
      '融资 获得 营收 净利润 亏损 总额 超过 将近 点 负 以内 数 几 块钱 共计 单位 价',
    )
  })
})

describe('traditional and simplified text', () => {
  // pieces of money and number text, each in its simplified and traditional form (most are the same in both)
  const pieces: [string, string][] = [
    ['万', '萬'],
    ['亿', '億'],
    ['两', '兩'],
    ['三', '參'],
    ['六', '陸'],
    ['元', '圓'],
    ['港币', '港幣'],
    ['新台币', '新臺幣'],
    ['个', '個'],
    ['为', '為'],
    ['约', '約'],
    ['余', '餘'],
    ['于', '於'],
    ['点', '點'],
    ['数', '數'],
    ['几', '幾'],
    ['超过', '超過'],
    ['不少于', '不少於'],
    ['将近', '將近'],
    ['块钱', '塊錢'],
    ['融资', '融資'],
    ['亏损', '虧損'],
    ['估值', '估值'],
    ['以内', '以內'],
    ['人民币', '人民幣'],
    ['美元', '美元'],
    ['澳币', '澳幣'],
    ['泰铢', '泰銖'],
    ['韩元', '韓元'],
    ['欧元', '歐元'],
    ['约合', '約合'],
    ['1', '1'],
    ['2', '2'],
    ['5', '5'],
    ['0', '0'],
    ['.', '.'],
    [',', ','],
    [' ', ' '],
    ['一', '一'],
    ['十', '十'],
    ['百', '百'],
    ['千', '千'],
    ['零', '〇'],
    ['多', '多'],
    ['逾', '逾'],
    ['近', '近'],
    ['左右', '左右'],
    ['以上', '以上'],
    ['%', '%'],
    ['股', '股'],
    ['(单位下同)', '(單位下同)'],
    ['负增长', '負增長'],
    ['-', '-'],
    ['到', '到'],
    ['。', '。'],
  ]
  const sentence = fc.array(fc.integer({ min: 0, max: pieces.length - 1 }), { minLength: 1, maxLength: 24 })

  it('gives the same mentions and values for both forms of the same text', () => {
    fc.assert(
      fc.property(sentence, fc.option(fc.constantFrom('HKD', 'TWD'), { nil: null }), (picks, currencyDefault) => {
        const simplified = picks.map((i) => pieces[i][0]).join('')
        const traditional = picks.map((i) => pieces[i][1]).join('')
        const values = (text: string) => extractMentions(text, { currencyDefault }).map(({ text: _, ...m }) => m)
        expect(values(traditional)).toEqual(values(simplified))
      }),
      { numRuns: 1500, seed: 10 },
    )
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
