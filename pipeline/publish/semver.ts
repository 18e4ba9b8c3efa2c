/** Semantic versions as dataset releases use them: MAJOR.MINOR.PATCH only, no pre-release or build. */
import { UserError } from '../store/run.ts'

export type Bump = 'major' | 'minor' | 'patch' | 'none'

export const SEMVER = /^(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})\.(0|[1-9]\d{0,5})$/

export function parseVersion(v: string): [number, number, number] {
  const m = SEMVER.exec(v)
  if (!m) throw new UserError(`VERSION must be semantic versioning MAJOR.MINOR.PATCH (digits and dots only), found "${v}"`)
  return [Number(m[1]), Number(m[2]), Number(m[3])]
}

export function compareVersions(a: string, b: string): number {
  const x = parseVersion(a)
  const y = parseVersion(b)
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
}

/** Which part changed from `from` to `to` (to > from assumed). */
export function bumpOf(from: string, to: string): Bump {
  const x = parseVersion(from)
  const y = parseVersion(to)
  if (y[0] !== x[0]) return 'major'
  if (y[1] !== x[1]) return 'minor'
  if (y[2] !== x[2]) return 'patch'
  return 'none'
}

const RANK: Record<Bump, number> = { none: 0, patch: 1, minor: 2, major: 3 }
export const atLeast = (given: Bump, required: Bump) => RANK[given] >= RANK[required]
export const maxBump = (a: Bump, b: Bump): Bump => (RANK[a] >= RANK[b] ? a : b)
