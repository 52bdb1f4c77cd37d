// Settings › Payment reminders: the subjects that make an e-mail of the portal's log a payment reminder.
import { fireEvent, screen, waitFor, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { DEFAULT_REMINDER_SUBJECTS } from '../../../../src/shared/domain'
import { createFakeDesk, type FakeDesk } from '../../fakeDesk'
import { renderApp, setUpAppTests } from '../../renderApp'

setUpAppTests()

async function openSection(desk: FakeDesk, language: 'pt-BR' | 'en' = 'pt-BR'): Promise<HTMLElement> {
  renderApp(desk, language)
  fireEvent.click(await screen.findByRole('button', { name: language === 'en' ? 'Settings' : 'Configurações' }))
  return screen.findByRole('region', { name: language === 'en' ? 'Payment reminders' : 'Lembretes de pagamento' })
}
const updates = (desk: FakeDesk) => desk.calls.filter((call) => call.method === 'settings.update').map((call) => call.input)

describe('the payment-reminder subjects', () => {
  it("shows WHMCS's defaults one a line, saves the lines typed (blank ones dropped) and restores the defaults", async () => {
    const desk = createFakeDesk()
    const section = await openSection(desk)
    const box = within(section).getByLabelText('Assuntos dos lembretes (um por linha)') as HTMLTextAreaElement
    expect(box.value.split('\n')).toEqual(DEFAULT_REMINDER_SUBJECTS)
    fireEvent.change(box, { target: { value: 'Lembrete de Pagamento\n\n  Fatura Vencida  \n' } })
    fireEvent.click(within(section).getByRole('button', { name: 'Salvar assuntos' }))
    await waitFor(() => expect(updates(desk)).toEqual([{ reminderSubjects: ['Lembrete de Pagamento', 'Fatura Vencida'] }]))
    expect(await within(section).findByText('Assuntos salvos.')).toBeTruthy()
    fireEvent.click(within(section).getByRole('button', { name: 'Restaurar os padrões do WHMCS' }))
    await waitFor(() => expect(updates(desk).at(-1)).toEqual({ reminderSubjects: DEFAULT_REMINDER_SUBJECTS }))
  })

  it('refuses an empty list before asking main, and says when main finds a subject twice, in English', async () => {
    const desk = createFakeDesk({ settings: { language: 'en' } })
    const section = await openSection(desk, 'en')
    const box = within(section).getByLabelText('Reminder subjects (one a line)')
    fireEvent.change(box, { target: { value: '  \n' } })
    fireEvent.click(within(section).getByRole('button', { name: 'Save subjects' }))
    expect(await within(section).findByText('Enter at least one subject.')).toBeTruthy()
    expect(updates(desk)).toEqual([])
    fireEvent.change(box, { target: { value: 'Overdue Notice\noverdue notice' } })
    fireEvent.click(within(section).getByRole('button', { name: 'Save subjects' }))
    expect(await within(section).findByText('A subject is listed twice.')).toBeTruthy()
  })
})
