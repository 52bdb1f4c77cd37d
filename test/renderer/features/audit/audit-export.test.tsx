// The change log's CSV export, byte for byte: a BOM (so Excel reads UTF-8), every cell quoted with quotes
// doubled, ';' between cells (Excel in pt-BR splits on it), CRLF between rows, none after the last.
import { fireEvent, screen, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { AuditItem } from '../../../../src/shared/contract'
import { createFakeDesk, makeClients } from '../../fakeDesk'
import { renderClientPage, setUpAppTests } from '../../renderApp'

setUpAppTests()

afterEach(() => {
  vi.restoreAllMocks()
})

// Local moments, so the file reads the same in any time zone.
const at = (minute: number): string => new Date(2026, 2, 12, 14, minute).toISOString()

describe('the change log export', () => {
  it('writes the CSV Excel opens as it is', async () => {
    const audit: AuditItem[] = [
      {
        id: 2,
        at: at(6),
        staff: 'Joana',
        clientId: 5,
        entity: 'contact',
        entityKey: 'c5-1',
        action: 'grant_access',
        old: { enabled: false, permissions: [] },
        new: { enabled: true, permissions: ['invoices'] },
        syncedAt: null,
      },
      {
        id: 1,
        at: at(5),
        staff: 'unnamed',
        clientId: 5,
        entity: 'contact',
        entityKey: 'c5-1',
        action: 'update_contact',
        old: { lastName: 'Reis "Rê"; Lima' },
        new: { lastName: 'Linha 1\nLinha 2, fim' },
        syncedAt: at(10),
      },
    ]
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      if (blob instanceof Blob) blobs.push(blob)
      return 'blob:audit'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined)
    await renderClientPage(createFakeDesk({ clients: makeClients(10), audit }), /Eduarda Silva 5\b/)
    fireEvent.click(screen.getByRole('button', { name: 'Histórico de alterações' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Exportar CSV' }))
    await waitFor(() => expect(blobs).toHaveLength(1))
    const [blob] = blobs
    expect(blob?.type).toBe('text/csv;charset=utf-8')
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob?.arrayBuffer())
    expect(text).toBe(
      [
        '\ufeff"Quando";"Quem";"O quê";"Campo";"Antes";"Depois";"No portal"',
        '"12/03/2026 14:06";"Joana";"Acesso dado";"Acesso à Área do Cliente";"Sem acesso";"1 permissão: Ver e Pagar Faturas";"Ainda não enviado"',
        '"12/03/2026 14:05";"(sem nome)";"Contato alterado";"Sobrenome";"Reis ""Rê""; Lima";"Linha 1\nLinha 2, fim";"12/03/2026 14:10"',
      ].join('\r\n'),
    )
  })
})
