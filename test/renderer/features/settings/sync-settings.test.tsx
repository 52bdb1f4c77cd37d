// Settings › Sync with the portal: how often the whole portal is pulled at least, and when the next pull runs; the
// background check's pace and re-check period.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { connectedStatus, createFakeDesk, type FakeDesk } from '../../fakeDesk'
import { renderApp, setUpAppTests } from '../../renderApp'

setUpAppTests()

async function openSettings(desk: FakeDesk, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<HTMLElement> {
  renderApp(desk, language)
  fireEvent.click(await screen.findByRole('button', { name: language === 'en' ? 'Settings' : 'Configurações' }))
  return screen.findByRole('region', { name: language === 'en' ? 'Sync with the portal' : 'Sincronização com o portal' })
}

describe('the whole-portal pull interval', () => {
  it('offers 15 minutes by default, saves another choice, and says when the next pull runs', async () => {
    const next = new Date()
    next.setHours(23, 45, 0, 0)
    const desk = createFakeDesk({ status: connectedStatus({ nextPullAt: next.toISOString() }) })
    const section = await openSettings(desk)
    const select = within(section).getByLabelText('Baixar o portal inteiro no máximo uma vez a cada') as HTMLSelectElement
    expect(select.value).toBe('15')
    expect(select.selectedOptions[0]?.textContent).toBe('15 minutos (recomendado)')
    expect([...select.options].map((option) => option.textContent)).toEqual([
      '15 minutos (recomendado)',
      '30 minutos',
      '1 hora',
      '2 horas',
      '4 horas',
      '8 horas',
    ])
    expect(within(section).getByText('Próximo download completo: hoje às 23:45.')).toBeTruthy()
    fireEvent.change(select, { target: { value: '120' } })
    await waitFor(() => expect(desk.calls.find((call) => call.method === 'settings.update')?.input).toEqual({ pullIntervalMinutes: 120 }))
  })

  it('shows an interval set elsewhere as it is, in English, and says when nothing is scheduled', async () => {
    const desk = createFakeDesk({ settings: { language: 'en', pullIntervalMinutes: 90 }, status: connectedStatus({ nextPullAt: null }) })
    const section = await openSettings(desk, 'en')
    const select = within(section).getByLabelText('Download the whole portal at most once every') as HTMLSelectElement
    expect(select.selectedOptions[0]?.textContent).toBe('1.5 hours')
    expect(within(section).getByText('No whole download is scheduled (no portal connected, or sync stopped).')).toBeTruthy()
  })
})

describe('the background check', () => {
  it('is on, at half a request a second and a week by default, and saves other choices', async () => {
    const desk = createFakeDesk({ status: connectedStatus() })
    const section = await openSettings(desk)
    const on = within(section).getByLabelText('Verificar clientes em segundo plano enquanto o app está aberto') as HTMLInputElement
    expect(on.checked).toBe(true)
    const pace = within(section).getByLabelText('Verificar clientes no máximo a') as HTMLSelectElement
    expect(pace.selectedOptions[0]?.textContent).toBe('0,5 requisições por segundo (recomendado)')
    const recheck = within(section).getByLabelText('Verificar cada cliente de novo após') as HTMLSelectElement
    expect([...recheck.options].map((option) => option.textContent)).toEqual(['1 dia', '3 dias', '7 dias (recomendado)', '14 dias', '30 dias'])
    const updates = () => desk.calls.filter((call) => call.method === 'settings.update').map((call) => call.input)
    fireEvent.change(pace, { target: { value: '0.25' } })
    await waitFor(() => expect(updates()).toContainEqual({ checkCallsPerSecond: 0.25 }))
    fireEvent.change(recheck, { target: { value: '30' } })
    await waitFor(() => expect(updates()).toContainEqual({ recheckAfterDays: 30 }))
    fireEvent.click(on)
    await waitFor(() => expect(updates()).toContainEqual({ backgroundCheck: false }))
  })
})
