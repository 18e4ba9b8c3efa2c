import { foldText } from '../../../pipeline/normalize/text.ts'
import { iso } from '../../../pipeline/normalize/time/calendar.ts'
import { findCandidates } from '../../../pipeline/normalize/time/index.ts'
import type { Context, Recognizer, Ymd } from '../../../pipeline/normalize/time/types.ts'

export const REF: Ymd = { y: 2021, m: 6, d: 14 }

/** What one recognizer alone finds in `text`: [matched text, start date, end date, precision, qualifier, EDTF]. */
export function read(recognizer: Recognizer, text: string, context: Partial<Context> = {}) {
  const ctx: Context = { year: null, month: null, day: null, last: null, reference: REF, ...context }
  return findCandidates(foldText(text), [recognizer]).map((c) => {
    const r = c.resolve(ctx)
    return [text.slice(c.start, c.end), r?.from ? iso(r.from) : null, r?.to ? iso(r.to) : null, r?.precision ?? null, r?.qualifier ?? null, r?.edtf ?? null]
  })
}
