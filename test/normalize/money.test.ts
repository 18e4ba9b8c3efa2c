import { describe, expect, it } from 'vitest'
import { extractMentions } from '../../pipeline/normalize/mentions.ts'
import { currencyForLocale, findMoney } from '../../pipeline/normalize/money.ts'
import { scanNumerals } from '../../pipeline/normalize/numbers.ts'
import { foldText } from '../../pipeline/normalize/text.ts'

function money(text: string) {
  const folded = foldText(text)
  return findMoney(folded, scanNumerals(folded)).map((m) => ({
    text: text.slice(m.start, m.end),
    amount: m.amount,
    low: m.low,
    high: m.high,
    currency: m.currency,
    qualifier: m.qualifier,
  }))
}

type Row = [string, string, number | null, string, string, number | null, number | null]
// input, expected mention text, amount, currency, qualifier, low, high
const cases: Row[] = [
  ['他们共同投入了10亿美元', '10亿美元', 1e9, 'USD', 'exact', null, null],
  ['OpenAI从微软获得了10亿美元。', '10亿美元', 1e9, 'USD', 'exact', null, null],
  ['我捐赠了约1亿美元的非营利组织', '约1亿美元', 1e8, 'USD', 'about', null, null],
  ['300亿美元市值的营利组织', '300亿美元', 3e10, 'USD', 'exact', null, null],
  ['马斯克“痛失”300亿美金OpenAI', '300亿美金', 3e10, 'USD', 'exact', null, null],
  ['82，225.00元', '82，225.00元', 82225, 'CNY', 'exact', null, null],
  ['25481港元', '25481港元', 25481, 'HKD', 'exact', null, null],
  ['45564.44美元', '45564.44美元', 45564.44, 'USD', 'exact', null, null],
  ['1.2万元', '1.2万元', 12000, 'CNY', 'exact', null, null],
  ['3千万亿日元', '3千万亿日元', 3e15, 'JPY', 'exact', null, null],
  ['新台币 177.1 亿元', '新台币 177.1 亿元', 17710000000, 'TWD', 'exact', null, null],
  ['六十四万零一百四十三元', '六十四万零一百四十三元', 640143, 'CNY', 'exact', null, null],
  ['壹万二千三百四十五元', '壹万二千三百四十五元', 12345, 'CNY', 'exact', null, null],
  ['肆佰叁拾萬圆整', '肆佰叁拾萬圆整', 4300000, 'CNY', 'exact', null, null],
  ['十块三毛', '十块三毛', 10.3, 'CNY', 'exact', null, null],
  ['一百三十五块六角七分钱', '一百三十五块六角七分钱', 135.67, 'CNY', 'exact', null, null],
  ['六十四万零一百四十三元一角七分', '六十四万零一百四十三元一角七分', 640143.17, 'CNY', 'exact', null, null],
  ['3元5角', '3元5角', 3.5, 'CNY', 'exact', null, null],
  ['一杯咖啡3块5', '3块5', 3.5, 'CNY', 'exact', null, null],
  ['十块五毛钱', '十块五毛钱', 10.5, 'CNY', 'exact', null, null],
  ['二十余元', '二十余元', 20, 'CNY', 'over', 20, 30],
  ['七千万到一亿美元', '七千万到一亿美元', null, 'USD', 'about', 7e7, 1e8],
  ['二十五万三千二百泰铢', '二十五万三千二百泰铢', 253200, 'THB', 'exact', null, null],
  ['两个亿卢布', '两个亿卢布', 2e8, 'RUB', 'exact', null, null],
  ['港币两千九百六十元', '港币两千九百六十元', 2960, 'HKD', 'exact', null, null],
  ['约4.287亿美元', '约4.287亿美元', 428700000, 'USD', 'about', null, null],
  ['近700万元', '近700万元', 7e6, 'CNY', 'under', null, null],
  ['至少九千块钱以上', '至少九千块钱以上', 9000, 'CNY', 'over', null, null],
  ['不到1.9万台币', '不到1.9万台币', 19000, 'TWD', 'under', null, null],
  ['3000多欧元', '3000多欧元', 3000, 'EUR', 'over', 3000, 4000],
  ['几十万块', '几十万块', null, 'CNY', 'about', 1e5, 1e6],
  ['人民币数十亿元', '人民币数十亿元', null, 'CNY', 'about', 1e9, 1e10],
  ['数十亿元人民币', '数十亿元人民币', null, 'CNY', 'about', 1e9, 1e10],
  ['十几块钱', '十几块钱', null, 'CNY', 'about', 10, 20],
  ['从8500到3万港元', '8500到3万港元', null, 'HKD', 'about', 8500, 30000],
  ['1万-5万元', '1万-5万元', null, 'CNY', 'about', 10000, 50000],
  ['1万元--5万元', '1万元--5万元', null, 'CNY', 'about', 10000, 50000],
  ['10~15k元', '10~15k元', null, 'CNY', 'about', 10000, 15000],
  ['2——3万港币', '2——3万港币', null, 'HKD', 'about', 20000, 30000],
  ['两到三万港元', '两到三万港元', null, 'HKD', 'about', 20000, 30000],
  ['十八至三十万日元', '十八至三十万日元', null, 'JPY', 'about', 180000, 300000],
  ['一千到两千万元', '一千到两千万元', null, 'CNY', 'about', 1e7, 2e7],
  ['一百二十到一百五十万元', '一百二十到一百五十万元', null, 'CNY', 'about', 1200000, 1500000],
  ['两到三仟澳元', '两到三仟澳元', null, 'AUD', 'about', 2000, 3000],
  ['50万元（含）以上', '50万元（含）以上', 500000, 'CNY', 'over', null, null],
  ['1万(含)-5万元', '1万(含)-5万元', null, 'CNY', 'about', 10000, 50000],
  ['融资金额超过5000万美元', '超过5000万美元', 5e7, 'USD', 'over', null, null],
  ['估值逾百亿美元', '逾百亿美元', 1e10, 'USD', 'over', null, null],
  ['营收16.4亿欧元', '16.4亿欧元', 1640000000, 'EUR', 'exact', null, null],
  ['市值4.78万亿元', '4.78万亿元', 4780000000000, 'CNY', 'exact', null, null],
  ['售价1999元左右', '1999元左右', 1999, 'CNY', 'about', null, null],
  ['获得US$1.5 billion投资', 'US$1.5 billion', 1.5e9, 'USD', 'exact', null, null],
  ['$100', '$100', 100, 'USD', 'exact', null, null],
  ['￥3,000', '￥3,000', 3000, 'CNY', 'exact', null, null],
  ['€25', '€25', 25, 'EUR', 'exact', null, null],
  ['£1.2m', '£1.2m', 1200000, 'GBP', 'exact', null, null],
  ['HK$800', 'HK$800', 800, 'HKD', 'exact', null, null],
  ['100 USD', '100 USD', 100, 'USD', 'exact', null, null],
  ['RMB 500万', 'RMB 500万', 5e6, 'CNY', 'exact', null, null],
  ['50美分', '50美分', 0.5, 'USD', 'exact', null, null],
  ['3万韩元', '3万韩元', 30000, 'KRW', 'exact', null, null],
  ['200英镑', '200英镑', 200, 'GBP', 'exact', null, null],
  ['5亿日元', '5亿日元', 5e8, 'JPY', 'exact', null, null],
  ['1000新台币', '1000新台币', 1000, 'TWD', 'exact', null, null],
  ['大约十多欧元', '大约十多欧元', 10, 'EUR', 'about', 10, 20],
  ['一亿二千万元', '一亿二千万元', 120000000, 'CNY', 'exact', null, null],
  ['三万五千元', '三万五千元', 35000, 'CNY', 'exact', null, null],
  ['三万五人民币', '三万五人民币', 35000, 'CNY', 'exact', null, null],
  ['１００美元', '１００美元', 100, 'USD', 'exact', null, null],
  ['10多亿美元', '10多亿美元', 1e9, 'USD', 'over', 1e9, 2e9],
  ['不超过2亿元', '不超过2亿元', 2e8, 'CNY', 'under', null, null],
  ['最多3000万港元', '最多3000万港元', 3e7, 'HKD', 'under', null, null],
  ['将近一千万美元', '将近一千万美元', 1e7, 'USD', 'under', null, null],
  ['约合人民币7亿元', '约合人民币7亿元', 7e8, 'CNY', 'about', null, null],
  ['5000万元以下', '5000万元以下', 5e7, 'CNY', 'under', null, null],
  ['10亿加元', '10亿加元', 1e9, 'CAD', 'exact', null, null],
  ['8亿新加坡元', '8亿新加坡元', 8e8, 'SGD', 'exact', null, null],
  ['两百万瑞士法郎', '两百万瑞士法郎', 2e6, 'CHF', 'exact', null, null],
]

describe('findMoney', () => {
  it.each(cases)('reads %s', (input, text, amount, currency, qualifier, low, high) => {
    expect(money(input)).toEqual([{ text, amount, currency, qualifier, low, high }])
  })

  it.each(['突破1亿用户', '全球首富', '元宇宙', '估值从30倍暴跌至15倍左右', '1999年', '元旦', '3亿次'])('finds no money in %s', (input) => {
    expect(money(input)).toEqual([])
  })

  it('finds each amount of a sentence with several', () => {
    expect(money('A轮融资1亿美元，B轮融资3亿元人民币').map((m) => [m.amount, m.currency])).toEqual([
      [1e8, 'USD'],
      [3e8, 'CNY'],
    ])
  })
})

interface Want {
  text: string
  amount: number | null
  currency: string
  qualifier?: string
  low?: number | null
  high?: number | null
  rule?: string
  role?: string | null
}
type Case = [input: string, want: Want]
const w = (text: string, amount: number | null, currency: string, more: Omit<Want, 'text' | 'amount' | 'currency'> = {}): Want => ({
  text,
  amount,
  currency,
  ...more,
})

function money2(text: string, currencyDefault: string | null = null) {
  const folded = foldText(text)
  return findMoney(folded, scanNumerals(folded), { currencyDefault }).map((m) => ({
    text: text.slice(m.start, m.end),
    amount: m.amount,
    currency: m.currency,
    qualifier: m.qualifier,
    low: m.low,
    high: m.high,
    rule: m.currency_rule,
    role: m.role,
    refused: m.refused,
  }))
}
const expectOne = (input: string, want: Want, currencyDefault: string | null = null) => {
  const [found, ...rest] = money2(input, currencyDefault)
  expect(rest).toEqual([])
  expect(found).toMatchObject({ qualifier: 'exact', low: null, high: null, role: null, refused: null, ...want })
}

describe('findMoney: qualifiers', () => {
  const cases: Case[] = [
    // negated comparatives: the longest word wins, so 不少于 is "at least" and not 少于 "less than"
    ['融资不少于5000万元', w('不少于5000万元', 5e7, 'CNY', { qualifier: 'over' })],
    ['不低于3亿元', w('不低于3亿元', 3e8, 'CNY', { qualifier: 'over' })],
    ['不小于10亿港元', w('不小于10亿港元', 1e9, 'HKD', { qualifier: 'over' })],
    ['不止2亿美元', w('不止2亿美元', 2e8, 'USD', { qualifier: 'over' })],
    ['不超过2亿美元', w('不超过2亿美元', 2e8, 'USD', { qualifier: 'under' })],
    ['不高于1亿美元', w('不高于1亿美元', 1e8, 'USD', { qualifier: 'under' })],
    ['不多于800万欧元', w('不多于800万欧元', 8e6, 'EUR', { qualifier: 'under' })],
    ['不大于5万元', w('不大于5万元', 5e4, 'CNY', { qualifier: 'under' })],
    ['不足500万元', w('不足500万元', 5e6, 'CNY', { qualifier: 'under' })],
    ['少于500万元', w('少于500万元', 5e6, 'CNY', { qualifier: 'under' })],
    // qualifier words of two or more characters, and words that look like qualifiers but give none
    ['约为40亿美元', w('约为40亿美元', 4e9, 'USD', { qualifier: 'about' })],
    ['大约为2亿元', w('大约为2亿元', 2e8, 'CNY', { qualifier: 'about' })],
    ['约达6亿日元', w('约达6亿日元', 6e8, 'JPY', { qualifier: 'about' })],
    ['至多30亿美元', w('至多30亿美元', 3e9, 'USD', { qualifier: 'under' })],
    ['最高2亿美元', w('最高2亿美元', 2e8, 'USD', { qualifier: 'under' })],
    ['最高可达5000万港元', w('最高可达5000万港元', 5e7, 'HKD', { qualifier: 'under' })],
    ['超过了3亿元人民币', w('超过了3亿元人民币', 3e8, 'CNY', { qualifier: 'over' })],
    ['高达40亿美元', w('40亿美元', 4e9, 'USD')],
    ['共计3亿元人民币', w('3亿元人民币', 3e8, 'CNY')],
    ['总额达5亿美元', w('5亿美元', 5e8, 'USD')],
    // 上/过 before a unit: "upwards of" (上千万 is more than ten million, 过亿 more than a hundred million)
    ['上千万元人民币', w('上千万元人民币', 1e7, 'CNY', { qualifier: 'over' })],
    ['过亿元人民币', w('过亿元人民币', 1e8, 'CNY', { qualifier: 'over' })],
    ['上百万美元', w('上百万美元', 1e6, 'USD', { qualifier: 'over' })],
    ['3000万美元出头', w('3000万美元出头', 3e7, 'USD', { qualifier: 'over' })],
    // spaces between the qualifier and the figure
    ['约 12 亿 3,456 万美元', w('约 12 亿 3,456 万美元', 1234560000, 'USD', { qualifier: 'about' })],
  ]
  it.each(cases)('reads %s', (input, want) => expectOne(input, want))
  it('does not read 上 or 过 before a digit as a qualifier', () => {
    expect(money2('上3亿美元')[0]).toMatchObject({ text: '3亿美元', qualifier: 'exact' })
  })
})

// README, Money conventions, Bounds; the corpus README: 千万元级 reads like 数千万元 (1e7–1e8, about)
describe('findMoney: orders of magnitude (X级: X to ten times X)', () => {
  const cases: Case[] = [
    ['这家工厂拿到千万元级的订单', w('千万元级', null, 'CNY', { qualifier: 'about', low: 1e7, high: 1e8 })],
    ['新药项目获亿元级投资', w('亿元级', null, 'CNY', { qualifier: 'about', low: 1e8, high: 1e9 })],
    ['团队谈下百万美元级合同', w('百万美元级', null, 'USD', { qualifier: 'about', low: 1e6, high: 1e7 })],
    ['预计投入十亿元量级的资金', w('十亿元量级', null, 'CNY', { qualifier: 'about', low: 1e9, high: 1e10 })],
    ['这是一笔亿元级别的交易', w('亿元级别', null, 'CNY', { qualifier: 'about', low: 1e8, high: 1e9 })],
    ['一千万元级的补贴', w('一千万元级', null, 'CNY', { qualifier: 'about', low: 1e7, high: 1e8 })],
    ['10亿元级的基金', w('10亿元级', null, 'CNY', { qualifier: 'about', low: 1e9, high: 1e10 })],
    ['人民币千万元级', w('人民币千万元级', null, 'CNY', { qualifier: 'about', low: 1e7, high: 1e8 })],
    ['千万元 级', w('千万元 级', null, 'CNY', { qualifier: 'about', low: 1e7, high: 1e8 })],
    // traditional 級 (text.ts does not fold it) and a vague amount, whose own bounds already are the magnitude's
    ['完成千萬港元級融資', w('千萬港元級', null, 'HKD', { qualifier: 'about', low: 1e7, high: 1e8 })],
    ['数千万元级的融资', w('数千万元级', null, 'CNY', { qualifier: 'about', low: 1e7, high: 1e8 })],
    ['约千万元级', w('约千万元级', null, 'CNY', { qualifier: 'about', low: 1e7, high: 1e8 })],
    // over or under says where the amount lies: 超千万元级 reads as 超千万元
    ['超千万元级', w('超千万元级', 1e7, 'CNY', { qualifier: 'over' })],
    ['近亿元级', w('近亿元级', 1e8, 'CNY', { qualifier: 'under' })],
    // not a power of ten: no order of magnitude, the point is kept and 级 left out (the drafter refuses it)
    ['2亿元级', w('2亿元', 2e8, 'CNY')],
    ['5000万元级', w('5000万元', 5e7, 'CNY')],
  ]
  it.each(cases)('reads %s', (input, want) => expectOne(input, want))
  it('leaves an amount with no magnitude word a point', () => {
    expect(money2('拿到千万元，级别很高')[0]).toMatchObject({ text: '千万元', amount: 1e7, low: null, high: null })
  })
})

describe('findMoney: scales, currencies written after 元, sub-units', () => {
  const cases: Case[] = [
    // Latin scale words after a figure (English-language finance style: $1.5B, US$2bn, 3mn, 2.5k)
    ['$1.5B', w('$1.5B', 1.5e9, 'USD')],
    ['US$ 1.5B', w('US$ 1.5B', 1.5e9, 'USD')],
    ['¥3.2M', w('¥3.2M', 3.2e6, 'CNY')],
    ['5 billion yuan', w('5 billion yuan', 5e9, 'CNY')],
    ['2.5 million dollars', w('2.5 million dollars', 2.5e6, 'USD')],
    ['$2bn', w('$2bn', 2e9, 'USD')],
    ['€3mn', w('€3mn', 3e6, 'EUR')],
    ['US$ 2.5 k', w('US$ 2.5 k', 2500, 'USD')],
    ['$1.5K', w('$1.5K', 1500, 'USD')],
    // the currency written after 元 (HK and Taiwan style): 元 is the unit, the word after names the currency
    ['1000元港币', w('1000元港币', 1000, 'HKD')],
    ['10万元新台币', w('10万元新台币', 1e5, 'TWD')],
    ['5000元人民币', w('5000元人民币', 5000, 'CNY')],
    ['300元澳门币', w('300元澳门币', 300, 'MOP')],
    // sub-units after the main unit (角/分, 美分 joined by 又)
    ['三元五角', w('三元五角', 3.5, 'CNY', { rule: 'default' })],
    ['五美元又十美分', w('五美元又十美分', 5.1, 'USD')],
    ['2欧元又50欧分', w('2欧元又50欧分', 2.5, 'EUR')],
  ]
  it.each(cases)('reads %s', (input, want) => expectOne(input, want))
})

describe('findMoney: which currency a bare 元 means', () => {
  it.each([
    // a 元 currency named once governs a bare 元 after it (prospectus style: "(单位下同)")
    ['配售所得48亿港元(单位下同),每股7.2元', [w('48亿港元', 4.8e9, 'HKD', { rule: 'written' }), w('7.2元', 7.2, 'HKD', { rule: 'context' })]],
    ['营收新台币300亿元,毛利50亿元', [w('新台币300亿元', 3e10, 'TWD', { rule: 'written' }), w('50亿元', 5e9, 'TWD', { rule: 'context' })]],
    // a currency that is never written 元 alone (美元) governs nothing, unless 下同 says so
    ['融资1亿美元,营收3亿元', [w('1亿美元', 1e8, 'USD', { rule: 'written' }), w('3亿元', 3e8, 'CNY', { rule: 'default' })]],
    ['募资2亿美元(下同),每股15元', [w('2亿美元', 2e8, 'USD', { rule: 'written' }), w('15元', 15, 'USD', { rule: 'context' })]],
    // the last named 元 currency governs
    ['港币5亿元,人民币3亿元,另付1亿元', [w('港币5亿元', 5e8, 'HKD'), w('人民币3亿元', 3e8, 'CNY'), w('1亿元', 1e8, 'CNY', { rule: 'context' })]],
  ] as [string, Want[]][])('reads %s', (input, wants) => {
    expect(money2(input)).toMatchObject(wants.map((x) => ({ qualifier: 'exact', role: null, refused: null, ...x })))
  })

  it('takes the source default when the text names no 元 currency, and CNY when there is none', () => {
    expect(money2('每股7.2元', 'HKD')).toMatchObject([{ currency: 'HKD', rule: 'source_default' }])
    expect(money2('每股7.2元')).toMatchObject([{ currency: 'CNY', rule: 'default' }])
    expect(money2('人民币1亿元,另付2000万元', 'HKD')).toMatchObject([{ rule: 'written' }, { currency: 'CNY', rule: 'context' }])
    expect(money2('¥3,000', 'JPY')).toMatchObject([{ currency: 'CNY', rule: 'written' }])
  })

  it.each([
    ['zh-HK', 'HKD'],
    ['zh-Hant-TW', 'TWD'],
    ['zh-MO', 'MOP'],
    ['zh-Hans-SG', 'SGD'],
    ['zh-Hans-CN', 'CNY'],
  ])('gives the everyday 元 of the locale %s as %s', (tag, currency) => {
    expect(currencyForLocale(tag)).toBe(currency)
  })
  it.each(['zh-Hans', 'zh-Hant', 'en', ''])('gives no currency for the locale "%s", which names no region', (tag) => {
    expect(currencyForLocale(tag)).toBeNull()
  })
})

describe('findMoney: traditional characters, spaces and separators', () => {
  const cases: Case[] = [
    // traditional forms (Hong Kong, Taiwan, Macau press) read as the simplified ones
    ['兩千萬港幣', w('兩千萬港幣', 2e7, 'HKD')],
    ['參億伍仟萬元', w('參億伍仟萬元', 3.5e8, 'CNY', { rule: 'default' })],
    ['陸佰萬圓整', w('陸佰萬圓整', 6e6, 'CNY', { rule: 'default' })],
    ['約3億新台幣', w('約3億新台幣', 3e8, 'TWD', { qualifier: 'about' })],
    ['約3億新臺幣', w('約3億新臺幣', 3e8, 'TWD', { qualifier: 'about' })],
    ['200萬澳幣', w('200萬澳幣', 2e6, 'AUD')],
    ['50萬泰銖', w('50萬泰銖', 5e5, 'THB')],
    ['逾10億歐元', w('逾10億歐元', 1e9, 'EUR', { qualifier: 'over' })],
    ['近億韓元', w('近億韓元', 1e8, 'KRW', { qualifier: 'under' })],
    ['兩個億盧布', w('兩個億盧布', 2e8, 'RUB')],
    ['3000餘萬美元', w('3000餘萬美元', 3e7, 'USD', { qualifier: 'over', low: 3e7, high: 4e7 })],
    ['一千二百萬美元為上限', w('一千二百萬美元', 1.2e7, 'USD')],
    ['一百〇五萬元', w('一百〇五萬元', 1.05e6, 'CNY', { rule: 'default' })],
    ['不超過5000萬港元', w('不超過5000萬港元', 5e7, 'HKD', { qualifier: 'under' })],
    ['數十億港元', w('數十億港元', null, 'HKD', { qualifier: 'about', low: 1e9, high: 1e10 })],
    ['幾百萬美金', w('幾百萬美金', null, 'USD', { qualifier: 'about', low: 1e6, high: 1e7 })],
    // spaces inside a figure, as typeset with half-width spaces around Latin digits
    ['3 億 105 萬 1,230 元', w('3 億 105 萬 1,230 元', 301051230, 'CNY', { rule: 'default' })],
    ['4 千萬美元', w('4 千萬美元', 4e7, 'USD')],
    ['12 亿美元', w('12 亿美元', 1.2e9, 'USD')],
    // thousands separators and decimals before a Chinese unit
    ['15,402.36 萬元', w('15,402.36 萬元', 154023600, 'CNY', { rule: 'default' })],
    ['6,666萬多美元', w('6,666萬多美元', 66660000, 'USD', { qualifier: 'over', low: 66660000, high: 66670000 })],
    ['1,234.5万港元', w('1,234.5万港元', 12345000, 'HKD')],
  ]
  it.each(cases)('reads %s', (input, want) => expectOne(input, want))
  it('does not join a figure and a later number across a space when the figure had none', () => {
    expect(money2('1万 2019年的3亿美元').map((m) => m.text)).toEqual(['3亿美元'])
  })
})

describe('findMoney: colloquial and decimal numerals', () => {
  const cases: Case[] = [
    // a unit with its 一 left out and the next place's digit after it (spoken style)
    ['千五元', w('千五元', 1500, 'CNY', { rule: 'default' })],
    ['百八块', w('百八块', 180, 'CNY', { rule: 'default' })],
    ['万八美元', w('万八美元', 18000, 'USD')],
    // Chinese decimals with 点
    ['三点一四亿元', w('三点一四亿元', 3.14e8, 'CNY', { rule: 'default' })],
    ['一百点五美元', w('一百点五美元', 100.5, 'USD')],
    ['十二点五亿港元', w('十二点五亿港元', 1.25e9, 'HKD')],
  ]
  it.each(cases)('reads %s', (input, want) => expectOne(input, want))
})

describe('findMoney: refusals, signs and roles', () => {
  // a run of numerals that no reading makes one number gives no amount, and says why
  it.each([
    ['1亿2亿美元', 'USD', /亿 after a figure already counted in 亿/],
    ['亿亿元', 'CNY', /亿 right after 亿/],
    ['十十元', 'CNY', /十 after 十/],
    ['3万5万港元', 'HKD', /万 after a figure already counted in 万/],
    ['五百三千元', 'CNY', /千 after 百/],
    ['2万3亿美元', 'USD', /亿 after a bare digit/],
  ] as [string, string, RegExp][])('refuses %s', (input, currency, reason) => {
    const [m] = money2(input)
    expect(m).toMatchObject({ text: input, amount: null, low: null, high: null, currency })
    expect(m.refused).toMatch(reason)
  })

  const cases: Case[] = [
    // a minus sign is kept; a range's dash is not a sign
    ['-2亿美元', w('-2亿美元', -2e8, 'USD')],
    ['利润为-3000万元人民币', w('-3000万元人民币', -3e7, 'CNY')],
    ['-$5', w('-$5', -5, 'USD')],
    // a loss is an amount, but not money raised or paid: role loss
    ['亏损2亿元人民币', w('2亿元人民币', 2e8, 'CNY', { role: 'loss' })],
    ['净亏损约3亿美元', w('约3亿美元', 3e8, 'USD', { qualifier: 'about', role: 'loss' })],
    ['亏损额达5000万港元', w('5000万港元', 5e7, 'HKD', { role: 'loss' })],
    ['损失了10亿美元', w('10亿美元', 1e9, 'USD', { role: 'loss' })],
    // 约合/折合: a conversion of an amount given in another currency
    ['5亿美元(约合人民币35亿元)', w('约合人民币35亿元', 3.5e9, 'CNY', { qualifier: 'about', role: 'conversion' })],
    ['約合人民幣7億元', w('約合人民幣7億元', 7e8, 'CNY', { qualifier: 'about', role: 'conversion' })],
    ['折合美元1.2亿', w('美元1.2亿', 1.2e8, 'USD', { role: 'conversion' })],
    ['折合约1.5亿美元', w('约1.5亿美元', 1.5e8, 'USD', { qualifier: 'about', role: 'conversion' })],
    ['合人民币约7亿元', w('人民币约7亿元', 7e8, 'CNY', { qualifier: 'about', role: 'conversion' })],
  ]
  it.each(cases)('reads %s', (input, want) => {
    const found = money2(input)
    expect(found[found.length - 1]).toMatchObject({ qualifier: 'exact', low: null, high: null, role: null, refused: null, ...want })
  })
})

describe('findMoney: figures with no currency word', () => {
  const cases: Case[] = [
    // a money word before (融资, 估值, 营收 ...) or after (投资, 融资) makes a 万/亿 figure money in the text's currency
    ['本轮融资5亿左右', w('5亿左右', 5e8, 'CNY', { qualifier: 'about', rule: 'default' })],
    ['估值80億,', w('80億', 8e9, 'CNY', { rule: 'default' })],
    ['获2000萬投资', w('2000萬', 2e7, 'CNY', { rule: 'default' })],
    ['市值约1.2万亿', w('约1.2万亿', 1.2e12, 'CNY', { qualifier: 'about', rule: 'default' })],
    ['营收达到300亿的公司', w('300亿', 3e10, 'CNY', { rule: 'default' })],
    ['净利润为-2亿。', w('-2亿', -2e8, 'CNY', { rule: 'default' })],
    ['亏损3亿。', w('3亿', 3e8, 'CNY', { rule: 'default', role: 'loss' })],
    // a currency written before decides (Taiwan and Hong Kong style: currency, figure, 元)
    ['新台幣45.6億元', w('新台幣45.6億元', 4.56e9, 'TWD')],
    ['泰銖 18 億元', w('泰銖 18 億元', 1.8e9, 'THB')],
    ['美金13.50元', w('美金13.50元', 13.5, 'USD')],
    ['港币约3亿元', w('港币约3亿元', 3e8, 'HKD', { qualifier: 'about' })],
  ]
  it.each(cases)('reads %s', (input, want) => expectOne(input, want))
  it('gives a figure with no currency word the context currency', () => {
    expect(money2('发售3亿港元,估值80亿')[1]).toMatchObject({ amount: 8e9, currency: 'HKD', rule: 'context' })
    expect(money2('融资5亿左右', 'TWD')[0]).toMatchObject({ currency: 'TWD', rule: 'source_default' })
  })
  // share counts and other quantities are not money
  it.each(['发行321,654,987股', '融资5120萬3388股', '融资5亿用户', '估值增长30%', '获2000万用户', '投资了3家公司', '营收3000亿次'])(
    'finds no money in %s',
    (input) => {
      expect(money2(input)).toEqual([])
    },
  )
})

describe('findMoney: currencies', () => {
  // ISO 4217 codes for the Chinese names used in the financial press
  it.each([
    ['100万奈拉', 'NGN'],
    ['5亿雷亚尔', 'BRL'],
    ['R$ 300', 'BRL'],
    ['300万墨西哥比索', 'MXN'],
    ['1000万南非兰特', 'ZAR'],
    ['50万土耳其里拉', 'TRY'],
    ['200万迪拉姆', 'AED'],
    ['1亿沙特里亚尔', 'SAR'],
    ['3000亿印尼盾', 'IDR'],
    ['500万菲律宾比索', 'PHP'],
    ['200万瑞典克朗', 'SEK'],
    ['300万挪威克朗', 'NOK'],
    ['100万丹麦克朗', 'DKK'],
    ['50万兹罗提', 'PLN'],
    ['1亿新谢克尔', 'ILS'],
    ['5000日币', 'JPY'],
    ['200澳币', 'AUD'],
    ['8000泰铢', 'THB'],
    ['1亿卢布', 'RUB'],
    ['10亿卢比', 'INR'],
    ['₹500', 'INR'],
    ['100 SEK', 'SEK'],
  ])('reads %s as %s', (input, currency) => {
    expect(money2(input)).toMatchObject([{ text: input, currency, rule: 'written' }])
  })
})

describe('extractMentions passes the source currency to the money recognizer', () => {
  it('records the currency and the rule that chose it in each money mention', () => {
    const [m] = extractMentions('每股7.2元', { currencyDefault: 'HKD' })
    expect(m).toMatchObject({ kind: 'money', amount: 7.2, currency: 'HKD', currency_rule: 'source_default', amount_role: null, amount_refused: null })
    expect(extractMentions('每股7.2元')[0]).toMatchObject({ currency: 'CNY', currency_rule: 'default' })
  })
})
