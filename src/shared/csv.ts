// CSV text: the one writer the CLI and the UI share, with its guard against formula injection.
import { unparse } from 'papaparse'

export interface CsvDialect {
  delimiter: ',' | ';'
  /** Every cell quoted (what Excel opens as written), or only where a cell needs it. */
  quoteAll: boolean
}

/** For a spreadsheet (Excel in pt-BR splits on ';'): every cell quoted. */
export const SPREADSHEET_CSV: CsvDialect = { delimiter: ';', quoteAll: true }
/** For pipes and scripts (the CLI): commas, quotes only where needed. */
export const PLAIN_CSV: CsvDialect = { delimiter: ',', quoteAll: false }

/**
 * A cell a spreadsheet would run as a formula (or whose tab or CR hides one): it gets a leading apostrophe.
 * Papa's own pattern (`/^[=+\-@\t\r].*$/`) misses a cell with a line break in it, so ours tests the first character only.
 */
const FORMULA_START = /^[=+\-@\t\r]/

/** Rows (the header first) as CSV text: CRLF between rows, none after the last. */
export function csvText(rows: readonly (readonly string[])[], dialect: CsvDialect): string {
  return unparse(
    rows.map((row) => [...row]),
    { delimiter: dialect.delimiter, quotes: dialect.quoteAll, newline: '\r\n', escapeFormulae: FORMULA_START },
  )
}
