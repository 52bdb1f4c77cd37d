// The reachability audit screen: the ranked list as main answers it, filters that ask main for the right page,
// rules worded for staff with their severity, "not checked yet", paging, a client opened from its row, the CSV export.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { MethodParsedInput } from '../../../../src/shared/contract'
import { createFakeDesk, makeClients, makeContact, type FakeDesk } from '../../fakeDesk'
import { renderApp, setUpAppTests } from '../../renderApp'
import { RULE_SEVERITY } from '../../../../src/shared/reachability'
import { nobodyOnInvoices, ownDomainOnly, page, typo, verdict, type Item } from './verdicts'

setUpAppTests()

afterEach(() => {
  vi.restoreAllMocks()
})

const clients = makeClients(200)
const ana = verdict(1, 'Ana Silva 1', [nobodyOnInvoices], { recipients: [], notChecked: ['overdue_notices_off', 'reminders_failed'] })
const bruno = verdict(2, 'Bruno Silva 2 (Empresa 2 Ltda)', [ownDomainOnly('empresa2.com.br')], { status: 'Inactive' })
const carla = verdict(3, '=Carla Silva 3', [typo('carla@gmial.com', 'gmail.com')], { recipients: [{ email: 'carla@gmial.com', localId: 'c3-1' }] })

/** A desk whose audit answers `items` filtered as main would (by rule and status), a page at a time. */
function auditDesk(items: Item[], language: 'pt-BR' | 'en' = 'pt-BR'): FakeDesk {
  return createFakeDesk({
    clients,
    settings: { language },
    handlers: {
      'reachability.list': ({ rule, status, offset, limit }: MethodParsedInput<'reachability.list'>) => {
        const matching = items.filter((item) => (!rule || item.findings.some((f) => f.rule === rule)) && (!status || item.status === status))
        return {
          ok: true,
          value: page(matching.slice(offset, offset + limit), {
            total: matching.length,
            offset,
            judged: 200,
            byRule: { nobody_on_invoices: 1, own_domain_only: 1, free_mail_typo: 1 },
          }),
        }
      },
    },
  })
}

const auditCalls = (desk: FakeDesk) => desk.calls.filter((call) => call.method === 'reachability.list').map((call) => call.input)

async function openAudit(desk: FakeDesk, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<void> {
  renderApp(desk, language)
  fireEvent.click(await screen.findByRole('button', { name: language === 'en' ? 'Reminders at risk' : 'Cobranças em risco' }))
  await screen.findByRole('heading', { level: 1, name: language === 'en' ? 'Reminders at risk' : 'Cobranças em risco' })
}

describe('the reachability audit screen', () => {
  it('lists each client with its rules worded for staff, severity, recipients and what is not checked yet', async () => {
    const desk = auditDesk([ana, bruno, carla])
    await openAudit(desk)
    const table = await screen.findByRole('table', { name: 'Clientes em risco, os mais graves primeiro' })
    const rows = within(table).getAllByRole('row').slice(1)
    expect(rows.map((row) => within(row).getByRole('button').textContent)).toEqual(['Ana Silva 1', 'Bruno Silva 2 (Empresa 2 Ltda)', '=Carla Silva 3'])
    const [first, second, third] = rows as [HTMLElement, HTMLElement, HTMLElement]
    expect(first.textContent).toContain('Crítico: Ninguém recebe faturas')
    expect(first.textContent).toContain('ninguém')
    expect(first.textContent).toContain('Ainda não verificado: Avisos de atraso desligados no cliente; Lembretes de pagamento não entregues.')
    expect(second.textContent).toContain('Alto: Faturas só no domínio do próprio cliente em empresa2.com.br')
    expect(second.textContent).toContain('financeiro@cliente2.com.br')
    expect(second.textContent).toContain('Inativo')
    expect(third.textContent).toContain('Médio: Provável erro de digitação no e-mail carla@gmial.com: seria gmail.com?')
    expect(screen.getByText('3 clientes em risco entre 200 avaliados')).toBeTruthy()
    expect(screen.getByRole('region', { name: 'Resumo' }).textContent).toContain('Crítico: Ninguém recebe faturas 1')
    expect(document.body.textContent).not.toMatch(/nobody_on_invoices|own_domain_only|free_mail_typo/)
    expect(auditCalls(desk)).toContainEqual({ offset: 0, limit: 50 })
  })

  it('reads in English too', async () => {
    await openAudit(auditDesk([ana], 'en'), 'en')
    const row = within(await screen.findByRole('table', { name: 'Clients at risk, worst first' })).getAllByRole('row')[1] as HTMLElement
    expect(row.textContent).toContain('Critical: Nobody receives invoices')
    expect(row.textContent).toContain('Not checked yet: Overdue notices switched off for the client; Payment reminders not delivered.')
  })

  it('filters by rule and by client status through reachability.list', async () => {
    const desk = auditDesk([ana, bruno, carla])
    await openAudit(desk)
    await screen.findByRole('table')
    fireEvent.change(screen.getByLabelText('Problema'), { target: { value: 'own_domain_only' } })
    await waitFor(() => expect(auditCalls(desk)).toContainEqual({ rule: 'own_domain_only', offset: 0, limit: 50 }))
    await waitFor(() => expect(screen.getAllByRole('row')).toHaveLength(2))
    fireEvent.change(screen.getByLabelText('Situação do cliente'), { target: { value: 'Active' } })
    await waitFor(() => expect(auditCalls(desk)).toContainEqual({ rule: 'own_domain_only', status: 'Active', offset: 0, limit: 50 }))
    expect(await screen.findByText('Nenhum cliente em risco com esse filtro.')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Problema'), { target: { value: '' } })
    await waitFor(() => expect(auditCalls(desk).at(-1)).toEqual({ status: 'Active', offset: 0, limit: 50 }))
  })

  it('pages through a long list', async () => {
    const many = Array.from({ length: 120 }, (_, index) => verdict(index + 1, `Cliente ${index + 1}`, [nobodyOnInvoices]))
    const desk = auditDesk(many)
    await openAudit(desk)
    expect(await screen.findByText('Página 1 de 3')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Página anterior' }).getAttribute('aria-disabled')).toBe('true')
    fireEvent.click(screen.getByRole('button', { name: 'Próxima página' }))
    await waitFor(() => expect(auditCalls(desk)).toContainEqual({ offset: 50, limit: 50 }))
    expect(await screen.findByRole('button', { name: 'Cliente 51' })).toBeTruthy()
    expect(screen.getByText('Página 2 de 3')).toBeTruthy()
  })

  it('opens a client from its row, as the client list does, and Back returns to the same filter and page', async () => {
    const many = Array.from({ length: 70 }, (_, index) => verdict(index + 1, `Cliente ${index + 1}`, [nobodyOnInvoices]))
    const desk = auditDesk([...many, bruno])
    await openAudit(desk)
    fireEvent.change(await screen.findByLabelText('Problema'), { target: { value: 'nobody_on_invoices' } })
    fireEvent.click(await screen.findByRole('button', { name: 'Próxima página' }))
    fireEvent.click(await screen.findByRole('button', { name: 'Cliente 52' }))
    await screen.findByRole('heading', { level: 2, name: 'Quem recebe o quê' })
    await waitFor(() => expect(desk.calls.find((call) => call.method === 'clients.open')?.input).toMatchObject({ id: 52 }))
    fireEvent.click(screen.getByRole('button', { name: 'Voltar para a lista' }))
    expect(await screen.findByRole('button', { name: 'Cliente 52' })).toBeTruthy()
    expect(screen.getByText('Página 2 de 2')).toBeTruthy()
    expect((screen.getByLabelText('Problema') as HTMLSelectElement).value).toBe('nobody_on_invoices')
  })

  it("exports the filter's rows, every page of them, as CSV with no cell a spreadsheet would run", async () => {
    const many = [carla, ...Array.from({ length: 1100 }, (_, index) => verdict(index + 10, `Cliente ${index + 10}`, [typo('x@gmial.com', 'gmail.com')]))]
    const desk = auditDesk([ana, ...many])
    const blobs: Blob[] = []
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      if (blob instanceof Blob) blobs.push(blob)
      return 'blob:reachability'
    })
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined)
    const saved: string[] = []
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download)
    })
    await openAudit(desk)
    fireEvent.change(await screen.findByLabelText('Problema'), { target: { value: 'free_mail_typo' } })
    await waitFor(() => expect(screen.getByText('1.101 clientes em risco entre 200 avaliados')).toBeTruthy())
    fireEvent.click(screen.getByRole('button', { name: 'Exportar CSV' }))
    await waitFor(() => expect(blobs).toHaveLength(1))
    expect(saved).toEqual(['contact-desk-cobrancas-em-risco.csv'])
    expect(auditCalls(desk)).toContainEqual({ rule: 'free_mail_typo', offset: 0, limit: 1000 })
    expect(auditCalls(desk)).toContainEqual({ rule: 'free_mail_typo', offset: 1000, limit: 1000 })
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobs[0]?.arrayBuffer())
    const lines = text.split('\r\n')
    expect(lines).toHaveLength(1102)
    expect(lines[0]).toBe('\ufeff"ID do cliente";"Cliente";"Situação";"Gravidade";"Problemas";"Recebem faturas";"Ainda não verificado"')
    expect(lines[1]).toBe('"3";"\'=Carla Silva 3";"Ativo";"Médio";"Provável erro de digitação no e-mail";"carla@gmial.com";""')
  })

  it('says why when main cannot list the audit', async () => {
    const desk = createFakeDesk({
      clients,
      handlers: { 'reachability.list': () => ({ ok: false, error: { code: 'not_connected', message: 'No portal is connected.' } }) },
    })
    await openAudit(desk)
    expect((await screen.findByRole('alert')).textContent).toBe('Nenhum portal conectado. Conecte um em Configurações.')
    expect(screen.queryByRole('table')).toBeNull()
    expect(screen.getByRole('button', { name: 'Exportar CSV' }).getAttribute('aria-disabled')).toBe('true')
  })

  it("turns a contact's invoice e-mails on in one click, as an ordinary edit that keeps its other preferences", async () => {
    const dora = makeContact(4, 1, {
      email: 'dora@gmail.com',
      emailPreferences: { general: true, product: true, domain: false, invoice: false, support: false, affiliate: false },
    })
    const finding = {
      rule: 'external_contact_invoices_off' as const,
      severity: RULE_SEVERITY.external_contact_invoices_off,
      detail: { contacts: [{ localId: dora.localId, email: dora.email }] },
    }
    const desk = createFakeDesk({
      clients,
      contacts: [dora],
      handlers: {
        // As main judges: the finding holds while the contact's invoice e-mails are off.
        'reachability.list': ({ offset }: MethodParsedInput<'reachability.list'>) => {
          const off = desk.model.contacts.find((each) => each.localId === dora.localId)?.emailPreferences.invoice === false
          return { ok: true, value: page(off ? [verdict(4, 'Dora 4', [finding])] : [], { offset }) }
        },
      },
    })
    await openAudit(desk)
    fireEvent.click(await screen.findByRole('button', { name: 'Ativar E-mails de Faturas para dora@gmail.com' }))
    await waitFor(() => expect(screen.queryByRole('table')).toBeNull())
    expect(desk.calls.filter((call) => call.method === 'contacts.update').map((call) => call.input)).toEqual([
      {
        localId: dora.localId,
        changes: { emailPreferences: { general: true, product: true, domain: false, invoice: true, support: false, affiliate: false } },
      },
    ])
    expect(screen.getByText('Nenhum cliente em risco entre 1.000 avaliados')).toBeTruthy()
  })
})
