import { describe, expect, it } from 'vitest'
import * as XLSX from 'xlsx'
import { kindOf, type TableRows } from '../../pipeline/publish/table-rows.ts'
import { EXCEL_MAX_ROWS, neutralize, workbookBytes } from '../../pipeline/publish/workbook.ts'
import { columns } from '../../pipeline/store/table-schemas.ts'

/** A mentions table of one row whose text is `text`, the other columns null but the keys. */
function mentionsWith(text: string): TableRows {
  const cols = columns('mentions').map((c) => ({ ...c, kind: kindOf(c.type) }))
  const row = cols.map((c) =>
    c.name === 'text' ? text : c.name === 'mention_id' ? 'm1' : c.name === 'source_id' ? 's1' : c.name === 'amount' ? '12.5000' : null,
  )
  return { table: 'mentions', columns: cols, rows: [row] }
}

describe('the workbook', () => {
  it.each([
    ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
    ['+1', `'+1`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1)', `'@SUM(A1)`],
    ['\tx', `'\tx`],
    ['\rx', `'\rx`],
    ['马斯克 = Musk', '马斯克 = Musk'],
    ['1 + 1', '1 + 1'],
  ])('neutralizes text that a spreadsheet could take for a formula: %j', (text, cell) => {
    expect(neutralize(text)).toBe(cell)
  })

  it('writes such text as a plain string cell with no formula, and a decimal as a number', async () => {
    const bytes = await workbookBytes({ version: '1.2.3', created: '2026-03-04T05:06:07Z', tables: [mentionsWith('=1+2')] })
    const sheet = XLSX.read(bytes).Sheets.mentions
    const header = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1 })[0]
    const cell = (name: string) => sheet[XLSX.utils.encode_cell({ r: 1, c: header.indexOf(name) })]
    expect(cell('text')).toMatchObject({ t: 's', v: "'=1+2" })
    expect(cell('text').f).toBeUndefined()
    expect(cell('amount')).toMatchObject({ t: 'n', v: 12.5 })
  })

  it('gives the same bytes for the same release, and other bytes for another release time', async () => {
    const input = { version: '1.2.3', created: '2026-03-04T05:06:07Z', tables: [mentionsWith('plain')] }
    const a = await workbookBytes(input)
    expect((await workbookBytes(input)).equals(a)).toBe(true)
    expect((await workbookBytes({ ...input, created: '2027-03-04T05:06:07Z' })).equals(a)).toBe(false)
  })

  it('refuses a table longer than an Excel sheet, naming it and the limit', async () => {
    const t = mentionsWith('x')
    const rows = Array.from({ length: EXCEL_MAX_ROWS }, () => t.rows[0])
    await expect(workbookBytes({ version: '1.2.3', created: '2026-03-04T05:06:07Z', tables: [{ ...t, rows }] })).rejects.toThrow(
      /mentions has 1048576 rows, more than an Excel sheet holds \(1048575 under its header\)/,
    )
  })
})
