// The one CSV writer (src/shared/csv.ts): both dialects, quotes doubled, and no cell a spreadsheet would run as a formula.
import { describe, expect, it } from 'vitest'
import { csvText, PLAIN_CSV, SPREADSHEET_CSV } from '../../../src/shared/csv'

describe('csvText', () => {
  it('writes the spreadsheet dialect: every cell quoted, quotes doubled, ";" between cells, CRLF between rows', () => {
    expect(
      csvText(
        [
          ['Nome', 'Obs'],
          ['Reis "Rê"; Lima', 'Linha 1\nLinha 2'],
        ],
        SPREADSHEET_CSV,
      ),
    ).toBe('"Nome";"Obs"\r\n"Reis ""Rê""; Lima";"Linha 1\nLinha 2"')
  })

  it('writes the plain dialect: commas, quotes only where a cell needs them', () => {
    expect(
      csvText(
        [
          ['clientId', 'name'],
          ['7', 'Lima, Ana'],
        ],
        PLAIN_CSV,
      ),
    ).toBe('clientId,name\r\n7,"Lima, Ana"')
  })

  it.each(['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx', '=1\n=2'])('gives %j a leading apostrophe', (cell) => {
    for (const dialect of [SPREADSHEET_CSV, PLAIN_CSV]) {
      const written = csvText([[cell]], dialect)
      expect(written.startsWith(`"'${cell.charAt(0)}`), JSON.stringify(written)).toBe(true)
    }
  })

  it('leaves a cell alone where the formula sign is not its first character', () => {
    expect(csvText([['ana@x.com.br', 'a=b', ' -1']], PLAIN_CSV)).toBe('ana@x.com.br,a=b," -1"')
  })
})
