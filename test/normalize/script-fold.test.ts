import { describe, expect, it } from 'vitest'
import { openccScript } from '../../pipeline/curate/opencc-script.ts'
import { foldScript as foldWith, ONE_SCRIPT, otherSpellings as spellingsWith } from '../../pipeline/normalize/script-fold.ts'

const script = openccScript()
const foldScript = (text: string) => foldWith(text, script)
const otherSpellings = (name: string) => spellingsWith(name, script)

describe('foldScript', () => {
  it('writes Hong Kong and Taiwan characters in simplified ones, one unit for one', () => {
    for (const [text, simplified] of [
      ['銀河機器人', '银河机器人'],
      ['啟明創投', '启明创投'],
      ['臺積電', '台积电'],
      ['台積電', '台积电'],
    ]) {
      expect(foldScript(text)).toBe(simplified)
      expect(foldScript(text)).toHaveLength(text.length)
    }
  })

  it('leaves simplified text, Latin letters and punctuation as they are', () => {
    const text = '银河机器人完成A轮融资，OpenAI跟投。'
    expect(foldScript(text)).toBe(text)
  })

  it('maps no surrogate half (an astral character stays whole)', () => {
    const { table } = script
    const moved: number[] = []
    for (let code = 0xd800; code <= 0xdfff; code++) if (table[code] !== code) moved.push(code)
    expect(moved).toEqual([])
  })
})

describe('ONE_SCRIPT', () => {
  it('folds nothing and gives no other spelling', () => {
    expect(foldWith('銀河機器人', ONE_SCRIPT)).toBe('銀河機器人')
    expect(spellingsWith('锺表厂', ONE_SCRIPT)).toEqual([])
  })
})

describe('otherSpellings', () => {
  it('is empty for a name whose traditional spelling folds back to it', () => {
    expect(otherSpellings('银河机器人')).toEqual([])
    expect(otherSpellings('百度')).toEqual([])
  })

  it('gives the traditional spelling the table does not fold back (锺 -> 鍾 -> 钟)', () => {
    const spellings = otherSpellings('锺表厂')
    expect(spellings).toContain('鍾表厂')
    for (const s of spellings) expect(foldScript(s)).not.toBe(foldScript('锺表厂'))
  })
})
