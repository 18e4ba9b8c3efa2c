import { describe, expect, it } from 'vitest'
import { findMoney } from '../../pipeline/normalize/money.ts'
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
