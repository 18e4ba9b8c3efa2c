import { describe, expect, it } from 'vitest'
import { parseFxFile, readFxRates } from '../../pipeline/store/fx-rates.ts'

describe('the exchange rates in data/fx/', () => {
  it('are read and valid: monthly and annual averages, one per currency and period, 2023-12 CNY at 7.1402 per dollar', () => {
    const rates = readFxRates()
    expect(rates.find((r) => r.currency === 'CNY' && r.period === '2023-12')?.units_per_usd).toBe('7.1402')
    expect(rates.find((r) => r.currency === 'JPY' && r.period === '2023')).toBeDefined()
    expect(new Set(rates.map((r) => `${r.currency} ${r.period}`)).size).toBe(rates.length)
  })

  it('refuses a bad row with its file and line, saying what was found and what was expected', () => {
    const text = 'currency,period,units_per_usd\nCNY,2024-01,7.1\nCNY,2024-13,7.2\nHKD,2024-01,-7.8\nCNY,2024-01,7.3\n'
    expect(() => parseFxFile('data/fx/monthly.csv', text, 'monthly')).toThrow(
      /monthly\.csv:3 \/period\n {2}expected: must match pattern[^\n]*found "2024-13"[\s\S]*monthly\.csv:4 \/units_per_usd[\s\S]*monthly\.csv:5 \(document\)\n {2}a second rate for CNY 2024-01/,
    )
  })

  it('refuses a month in the annual file, a year in the monthly one, and a wrong header', () => {
    expect(() => parseFxFile('annual.csv', 'currency,period,units_per_usd\nCNY,2024-01,7.1\n', 'annual')).toThrow(
      /annual\.csv:2 \/period\n {2}expected a year \(YYYY\)/,
    )
    expect(() => parseFxFile('monthly.csv', 'currency,period,units_per_usd\nCNY,2024,7.1\n', 'monthly')).toThrow(/expected a month \(YYYY-MM\)/)
    expect(() => parseFxFile('monthly.csv', 'Date,Country,Exchange rate\n', 'monthly')).toThrow(
      /monthly\.csv:1 \(document\)\n {2}expected the header currency,period,units_per_usd/,
    )
  })
})
