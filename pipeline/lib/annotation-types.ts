/** TypeScript shapes of schemas/annotations.schema.json (kept in step by test/lib/annotation-types.test.ts). */
export interface Quote {
  quote: string
  occurrence?: number
}
export interface Override {
  field: string
  value: string | null
  reason: string
}
interface Common {
  id: string
  evidence: Quote[]
  date_quote?: Quote
  attributed_to?: string | null
  overrides?: Override[]
  undated?: boolean
}
export interface EventNote extends Common {
  type: string
  status: string
  subject: string
  summary_en: string
  summary_zh: string
  participants?: { entity: string; role: string }[]
}
export interface FundingNote extends Common {
  event?: string
  type: string
  status: string
  recipient: string
  funders: { entity: string; lead?: boolean }[]
  funders_complete: boolean
  amount_quote?: Quote
}
export interface MetricNote extends Common {
  subject: string
  measure: string
  status: string
  unit?: string
  event?: string
  value_quote?: Quote
}
export interface Annotations {
  source_id: string
  review: { status: 'draft' | 'reviewed'; reviewed_by?: string; reviewed_on?: string }
  events: EventNote[]
  funding: FundingNote[]
  metrics: MetricNote[]
}
