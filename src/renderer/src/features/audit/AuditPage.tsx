// A client's change log: who changed what and when, old → new per field, and whether it reached the portal.
// Exportable as CSV (LGPD accountability).
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AuditItem } from '../../../../shared/contract'
import { csvText, SPREADSHEET_CSV } from '../../../../shared/csv'
import { OUTBOX_OPS, OUTBOX_STATES, type Client } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { ACCESS_KEY } from '../../../../shared/record-keys'
import { describeError } from '../../i18n/describeError'
import { useFormat, type Format } from '../../i18n/format'
import { useClientList, useClientView, useDesk, usePresets, useStores } from '../../store'
import { findClient } from '../../store/clients'
import { allPresets, type NamedPreset } from '../access/labels'
import { fullName } from '../clients/people'
import { dottedRecord, keyLabel, valueText } from '../sync/fieldKeys'
import '../sync/sync.css'
import { downloadCsv } from '../../ui/download'
import { Table } from '../../ui/Table'

interface Line {
  field: string
  old: string | null
  new: string | null
}

/** Entries about the queue itself (a resolved conflict, a retry, a discard): nothing of theirs goes to the portal. */
const QUEUE_ACTIONS = ['resolve_conflict_mine', 'resolve_conflict_theirs', 'resolve_conflict_edit', 'retry', 'discard', 'access_undone'] as const
/** Every action the log holds: each outbox operation, and those about the queue. */
const ACTIONS = [...OUTBOX_OPS, ...QUEUE_ACTIONS] as const
type KnownAction = (typeof ACTIONS)[number]

/** No staff name was set: main stores '' (rows written by earlier versions say "unnamed"); shown in the reader's language. */
const staffName = (t: TFunction, staff: string): string => (staff === '' || staff === 'unnamed' ? t('sync.unnamed') : staff)

export function AuditPage({ clientId }: { clientId: number }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const desk = useDesk()
  const stores = useStores()
  const saved = usePresets((state) => state.saved)
  const presets = allPresets(t, saved)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const listed = useClientList((state) => findClient(state, clientId))
  const viewed = useClientView((state) => (state.view?.client.id === clientId ? state.view.client : undefined))
  const [client, setClient] = useState<Client | undefined>(viewed ?? listed)
  const [items, setItems] = useState<AuditItem[] | null>(null)
  const [error, setError] = useState<DeskError | null>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  useEffect(() => {
    let current = true
    void desk.api['audit.list']({ clientId, limit: 1000 }).then((result) => {
      if (!current) return
      if (result.ok) setItems(result.value)
      else setError(result.error)
    })
    if (!client) {
      void desk.api['clients.get']({ id: clientId }).then((result) => {
        if (current && result.ok) setClient(result.value)
      })
    }
    return () => {
      current = false
    }
  }, [desk, clientId, client])

  const name = client ? fullName(client.firstName, client.lastName) || client.companyName : `#${clientId}`
  const back = (): void => stores.route.getState().navigate({ name: 'client', id: clientId })

  return (
    <div
      className="page audit-page"
      onKeyDown={(event) => {
        if (event.key === 'Escape') back()
      }}
    >
      <button type="button" className="link-button back-link" onClick={back}>
        <span aria-hidden="true">← </span>
        {t('audit.back', { name })}
      </button>
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('audit.heading', { name })}
        </h1>
        {items && items.length > 0 && (
          <button type="button" className="button" onClick={() => downloadCsv(`contact-desk-${clientId}-historico.csv`, toCsv(t, format, items, presets))}>
            {t('audit.export')}
          </button>
        )}
      </header>
      {error && (
        <p className="notice notice-error" role="alert">
          {describeError(t, error)}
        </p>
      )}
      {items === null ? (
        !error && <p className="muted">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty-state">{t('audit.empty')}</p>
      ) : (
        <Table
          caption={t('audit.heading', { name })}
          className="audit-table"
          columns={[t('audit.columns.when'), t('audit.columns.who'), t('audit.columns.what'), t('audit.columns.changes'), t('audit.columns.synced')]}
        >
          {items.map((item) => (
            <tr key={item.id}>
              <td className="nowrap">{moment(format, item.at)}</td>
              <td>{staffName(t, item.staff)}</td>
              <td>{actionText(t, item.action)}</td>
              <td>
                <ul className="change-list">
                  {linesOf(t, item, presets).map((line) => (
                    <li key={line.field}>
                      <span className="change-field">{line.field}</span>: {line.old !== null && <del className="change-old">{line.old}</del>}
                      {line.old !== null && line.new !== null && <span aria-label={t('audit.to')}> → </span>}
                      {line.new !== null && <ins className="change-new">{line.new}</ins>}
                    </li>
                  ))}
                </ul>
              </td>
              <td>
                {item.syncedAt ? (
                  <span className="badge badge-active">{t('audit.syncedAt', { when: moment(format, item.syncedAt) })}</span>
                ) : (QUEUE_ACTIONS as readonly string[]).includes(item.action) ? (
                  <span className="muted">{t('audit.notApplicable')}</span>
                ) : (
                  <span className="badge badge-pending">{t('audit.notSynced')}</span>
                )}
              </td>
            </tr>
          ))}
        </Table>
      )}
    </div>
  )
}

const moment = (format: Format, iso: string): string => `${format.date(iso)} ${format.time(iso)}`

function actionText(t: TFunction, action: string): string {
  return (ACTIONS as readonly string[]).includes(action) ? t(`audit.actions.${action as KnownAction}`) : action
}

/** The fields an entry changed, old → new; a creation lists what it set, a deletion what it removed. */
export function linesOf(t: TFunction, item: AuditItem, presets: readonly NamedPreset[]): Line[] {
  const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)
  if (item.action.startsWith('resolve_conflict_') && isRecord(item.old) && typeof item.old.key === 'string') {
    const key = item.old.key
    return [
      {
        field: keyLabel(t, key),
        old: t('audit.conflictValues', {
          mine: valueText(t, key, item.old.mine ?? null, presets),
          theirs: valueText(t, key, item.old.theirs ?? null, presets),
        }),
        new: valueText(t, key, item.new ?? null, presets),
      },
    ]
  }
  if (item.action === 'retry') {
    const state = (value: unknown): string =>
      (OUTBOX_STATES as readonly unknown[]).includes(value) ? t(`outbox.state.${value as (typeof OUTBOX_STATES)[number]}`) : String(value)
    return [{ field: t('audit.queueState'), old: state(item.old), new: state(item.new) }]
  }
  if (item.action === 'discard') {
    const op = (OUTBOX_OPS as readonly unknown[]).includes(item.old) ? t(`outbox.op.${item.old as (typeof OUTBOX_OPS)[number]}`) : String(item.old)
    return [{ field: t('audit.change'), old: op, new: t('audit.discarded') }]
  }
  if (item.action.includes('access')) {
    return [
      {
        field: keyLabel(t, ACCESS_KEY),
        old: item.old == null ? null : valueText(t, ACCESS_KEY, item.old, presets),
        new: item.new == null ? null : valueText(t, ACCESS_KEY, item.new, presets),
      },
    ]
  }
  const before = isRecord(item.old) ? dottedRecord(item.old) : {}
  const after = isRecord(item.new) ? dottedRecord(item.new) : {}
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])]
  const lines: Line[] = []
  for (const key of keys) {
    const old = before[key]
    const next = after[key]
    if (item.old != null && item.new != null && JSON.stringify(old) === JSON.stringify(next)) continue
    if (item.old == null && (next === '' || next === false)) continue
    if (item.new == null && (old === '' || old === false)) continue
    lines.push({
      field: keyLabel(t, key),
      old: item.old == null ? null : valueText(t, key, old ?? null, presets),
      new: item.new == null ? null : valueText(t, key, next ?? null, presets),
    })
  }
  return lines
}

function toCsv(t: TFunction, format: Format, items: readonly AuditItem[], presets: readonly NamedPreset[]): string {
  const header = [
    t('audit.columns.when'),
    t('audit.columns.who'),
    t('audit.columns.what'),
    t('audit.columns.field'),
    t('audit.columns.old'),
    t('audit.columns.new'),
    t('audit.columns.synced'),
  ]
  const rows = items.flatMap((item) =>
    linesOf(t, item, presets).map((line) => [
      moment(format, item.at),
      staffName(t, item.staff),
      actionText(t, item.action),
      line.field,
      line.old ?? '',
      line.new ?? '',
      item.syncedAt ? moment(format, item.syncedAt) : t('audit.notSynced'),
    ]),
  )
  return csvText([header, ...rows], SPREADSHEET_CSV)
}
