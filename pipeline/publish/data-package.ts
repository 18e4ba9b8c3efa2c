/** The parts of a Frictionless data package (datapackage.json) the publishing tools read. */

/** One column of a resource's Table Schema. */
export interface Field {
  name: string
  type: string
  description?: string
  constraints?: { required?: boolean; enum?: string[]; pattern?: string; minimum?: number }
}

/** One file of the package, as the export writes it. */
export interface Resource {
  name: string
  path: string
  format: string
  /** CSV resources only: the Frictionless validator cannot count a Parquet file's bytes (its hash stands for them) */
  bytes?: number
  hash: string
  schema: { fields: Field[]; primaryKey: string[] }
}
