// The trail written to the portal's activity log (activity.ts): who, which record, each change old → new, with
// personal data masked as the log files mask it; one description per client.
import { describe, expect, it, vi } from 'vitest'
import { activityDescription, recordActivity, type ActivityItem } from '../../../../src/main/core/sync/activity'
import { DeskFailure } from '../../../../src/shared/errors'
import type { SkippedRead } from '../../../../src/shared/domain'

const update = (clientId: number, staff: string, subject: string, changes: ActivityItem['changes']): ActivityItem => ({
  clientId,
  staff,
  op: 'update_contact',
  subject,
  changes,
})

describe('activityDescription', () => {
  it('names the staff member and the contact, and masks the e-mail addresses in both', () => {
    const text = activityDescription([
      update(7, 'Joana', 'contact Ana Souza <ana.souza@gmail.com>', [
        { key: 'email', old: 'ana@empresa.com.br', new: 'ana.souza@gmail.com' },
        { key: 'emailPreferences.invoice', old: false, new: true },
      ]),
    ])
    expect(text).toBe('Contact Desk (Joana): contact Ana Souza <a***@gmail.com>: email a***@empresa.com.br → a***@gmail.com; invoice e-mails off → on')
  })

  it('masks CPF/CNPJ and phone numbers whole, and says an emptied field', () => {
    const text = activityDescription([
      update(7, 'Joana', 'contact Ana', [
        { key: 'taxId', old: '123.456.789-09', new: '12.345.678/0001-90' },
        { key: 'phoneNumber', old: '(11) 9876-5432', new: '' },
        { key: 'city', old: 'Recife', new: 'Caruaru' },
      ]),
    ])
    expect(text).toBe('Contact Desk (Joana): contact Ana: tax id ***.***.***-** → **.***.***/****-**; phone (**) ****-**** → (empty); city Recife → Caruaru')
    expect(text).not.toMatch(/\d/)
  })

  it('one line per staff member and record; creates, deletes and access said as such', () => {
    const text = activityDescription([
      update(7, 'Joana', 'contact Ana', [{ key: 'city', old: 'Recife', new: 'Olinda' }]),
      { clientId: 7, staff: 'Joana', op: 'grant_access', subject: 'contact Ana', changes: [{ key: 'access', old: 'off', new: 'on:invoices,emails' }] },
      { clientId: 7, staff: 'Pedro', op: 'create_contact', subject: 'contact Bia <bia@x.com.br>', changes: [] },
      { clientId: 7, staff: '', op: 'delete_contact', subject: 'contact Caio', changes: [] },
    ])
    expect(text.split('\n')).toEqual([
      'Contact Desk (Joana): contact Ana: city Recife → Olinda; client-area access off → on (invoices, emails)',
      'Contact Desk (Pedro): contact Bia <b***@x.com.br>: added',
      'Contact Desk: contact Caio: deleted',
    ])
  })
})

describe('recordActivity', () => {
  const items = [
    update(7, 'Joana', 'contact Ana <ana@gmail.com>', [{ key: 'city', old: 'Recife', new: 'Olinda' }]),
    update(9, 'Joana', 'contact Bia', [{ key: 'city', old: 'Natal', new: 'Mossoró' }]),
    update(7, 'Joana', 'contact Caio', [{ key: 'city', old: 'Recife', new: 'Olinda' }]),
  ]

  it('one call per client, each with that client’s changes only, on the generation’s parameter', async () => {
    const logActivity = vi.fn().mockResolvedValue({ warnings: [] })
    const skipped: SkippedRead[] = []
    await recordActivity({ logActivity }, '8', items, skipped)
    expect(logActivity).toHaveBeenCalledTimes(2)
    expect(logActivity.mock.calls.map(([params]) => [params.clientId, params.description.split('\n').length, params.generation])).toEqual([
      [7, 2, '8'],
      [9, 1, '8'],
    ])
    expect(logActivity.mock.calls[0]![0].description).toContain('contact Ana <a***@gmail.com>: city Recife → Olinda')
    expect(skipped).toEqual([])
  })

  it('a refusal is noted once and the rest of the pass goes without; nothing is thrown', async () => {
    const logActivity = vi.fn().mockRejectedValue(new DeskFailure('permission_denied', 'Invalid Permissions'))
    const skipped: SkippedRead[] = []
    await recordActivity({ logActivity }, '7', items, skipped)
    expect(logActivity).toHaveBeenCalledTimes(1)
    expect(skipped).toEqual([{ action: 'LogActivity', error: { code: 'permission_denied', message: 'Invalid Permissions' } }])
  })
})
