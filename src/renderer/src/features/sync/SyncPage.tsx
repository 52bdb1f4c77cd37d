// The Sync screen: the running sync (phase, done/total, cancel), why sync stopped when the portal refused
// it, and the outbox — pending, failed with the reason, rejected with the portal's words, held invites —
// with retry and discard.
import { useEffect, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AppStatus, OutboxItem } from '../../../../shared/contract'
import type { DeskError, Result } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useFormat, type Format } from '../../i18n/format'
import { useDesk, useOutbox, useStatus, useStores } from '../../store'
import { selectSyncing } from '../../store/status'
import { ConfirmDialog } from '../../ui/Dialog'
import { keyLabel } from './fieldKeys'
import { progressText } from './progressText'
import './sync.css'
import { Table } from '../../ui/Table'

type Pending = { kind: 'discard' | 'resend'; item: OutboxItem } | null

export function SyncPage(): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const desk = useDesk()
  const stores = useStores()
  const status = useStatus((state) => state.status)
  const progress = useStatus((state) => state.progress)
  const syncing = useStatus(selectSyncing)
  const items = useOutbox((state) => state.items)
  const loadError = useOutbox((state) => state.error)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [confirm, setConfirm] = useState<Pending>(null)
  const [actionError, setActionError] = useState<DeskError | null>(null)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    headingRef.current?.focus()
    void stores.outbox.getState().load()
  }, [stores])

  async function act(call: () => Promise<Result<unknown>>, done: string): Promise<void> {
    setActionError(null)
    const result = await call()
    setConfirm(null)
    if (result.ok) setNotice(done)
    else setActionError(result.error)
    await stores.outbox.getState().load()
  }

  const counts = status?.outbox
  const text = progressText(t, format, progress, status?.portal?.generation ?? null)
  const total = progress?.total ?? null
  const countText = [text.count, text.eta].filter((part) => part !== null).join(' · ')

  return (
    <div className="page sync-page">
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('sync.heading')}
        </h1>
      </header>

      <section className="card" aria-labelledby="sync-run-heading">
        <h2 id="sync-run-heading">{t('sync.runHeading')}</h2>
        {status?.refused && (
          <div className="notice notice-error" role="alert">
            <p className="notice-title">{t('sync.refused', { reason: describeError(t, status.refused) })}</p>
            <p>{t('sync.refusedHelp')}</p>
            <div className="toolbar">
              <button type="button" className="button button-small" onClick={() => stores.route.getState().navigate({ name: 'settings' })}>
                {t('sync.openSettings')}
              </button>
            </div>
          </div>
        )}
        {syncing ? (
          <div className="sync-run">
            <p>{text.step ? `${text.step}: ${text.phase}` : text.phase}</p>
            <div
              role="progressbar"
              className={text.share === null ? 'progress progress-large progress-indeterminate' : 'progress progress-large'}
              aria-label={t('sync.progressLabel')}
              aria-valuemin={0}
              aria-valuemax={total ?? undefined}
              aria-valuenow={total === null ? undefined : Math.min(progress?.done ?? 0, total)}
              aria-valuetext={total === null ? undefined : countText}
            >
              <span className="progress-fill" style={text.share === null ? undefined : { width: `${text.share * 100}%` }} />
            </div>
            <p className="sync-count" aria-hidden="true">
              {countText}
            </p>
            <button
              type="button"
              className="button"
              onClick={() => {
                void desk.api['sync.cancel']({}).then((result) => {
                  if (result.ok && result.value.cancelled) setNotice(t('sync.cancelled'))
                })
              }}
            >
              {t('sync.cancel')}
            </button>
          </div>
        ) : (
          <div className="sync-run">
            <p>{lastSyncLine(t, format, status)}</p>
            {status?.portal &&
              status.lastSync?.skipped.map((read) => (
                <p key={read.action} className="notice notice-warning">
                  {t('sync.skippedRead', { action: read.action, reason: describeError(t, read.error) })}
                </p>
              ))}
            {status?.portal && <p className="muted">{t('sync.runHint')}</p>}
          </div>
        )}
        <div aria-live="polite">{notice && <p className="notice notice-success">{notice}</p>}</div>
      </section>

      <section className="card" aria-labelledby="outbox-heading">
        <h2 id="outbox-heading">{t('sync.outboxHeading')}</h2>
        {counts && (
          <ul className="outbox-counts" aria-label={t('sync.countsLabel')}>
            {(['pending', 'failed', 'rejected', 'held', 'conflict'] as const).map((state) => (
              <li key={state}>
                <span className={`badge badge-${state}`}>{t(`outbox.state.${state}`)}</span> {format.number(counts[state])}
              </li>
            ))}
          </ul>
        )}
        <div role="alert">{actionError && <p className="notice notice-error">{describeError(t, actionError)}</p>}</div>
        {loadError && <p className="notice notice-error">{describeError(t, loadError)}</p>}
        {items === null ? (
          <p className="muted">{t('app.loading')}</p>
        ) : items.length === 0 ? (
          <p className="empty-state">{t('sync.empty')}</p>
        ) : (
          <Table
            caption={t('sync.outboxHeading')}
            className="outbox-table"
            columns={[t('sync.columns.record'), t('sync.columns.change'), t('sync.columns.state'), t('sync.columns.by'), t('sync.columns.actions')]}
          >
            {items.map((item) => (
              <tr key={item.id}>
                <th scope="row">{item.label}</th>
                <td>
                  <span>{t(`outbox.op.${item.op}`)}</span>
                  {item.keys.length > 0 && item.op !== 'create_contact' && (
                    <span className="muted"> — {item.keys.map((key) => keyLabel(t, key)).join(', ')}</span>
                  )}
                </td>
                <td>
                  <span className={`badge badge-${item.state}`}>{t(`outbox.state.${item.state}`)}</span>
                  <StateDetail item={item} format={format} t={t} />
                </td>
                <td>
                  {item.staff === '' || item.staff === 'unnamed' ? t('sync.unnamed') : item.staff}
                  <span className="muted">
                    {' '}
                    · {format.isToday(item.createdAt) ? format.time(item.createdAt) : `${format.date(item.createdAt)} ${format.time(item.createdAt)}`}
                  </span>
                </td>
                <td className="row-actions">
                  {(item.state === 'failed' || item.state === 'rejected') && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('sync.retryFor', { label: item.label })}
                      onClick={() => void act(() => desk.api['outbox.retry']({ id: item.id }), t('sync.retried'))}
                    >
                      {t('sync.retry')}
                    </button>
                  )}
                  {item.state === 'held' && (
                    <button
                      type="button"
                      className="button button-small"
                      aria-label={t('sync.resendFor', { label: item.label })}
                      onClick={() => setConfirm({ kind: 'resend', item })}
                    >
                      {t('sync.resend')}
                    </button>
                  )}
                  {item.state === 'conflict' && (
                    <button type="button" className="button button-small" onClick={() => stores.route.getState().navigate({ name: 'conflicts' })}>
                      {t('sync.resolve')}
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-small button-danger-outline"
                    aria-label={t('sync.discardFor', { label: item.label })}
                    onClick={() => setConfirm({ kind: 'discard', item })}
                  >
                    {t('sync.discard')}
                  </button>
                </td>
              </tr>
            ))}
          </Table>
        )}
      </section>

      {confirm?.kind === 'discard' && (
        <ConfirmDialog
          title={t('sync.discardTitle')}
          message={t('sync.discardMessage', { label: confirm.item.label, change: t(`outbox.op.${confirm.item.op}`) })}
          confirmLabel={t('sync.discardConfirm')}
          danger
          onCancel={() => setConfirm(null)}
          onConfirm={() => void act(() => desk.api['outbox.discard']({ id: confirm.item.id }), t('sync.discarded'))}
        />
      )}
      {confirm?.kind === 'resend' && (
        <ConfirmDialog
          title={t('sync.resendTitle')}
          message={t('sync.resendMessage', { label: confirm.item.label })}
          confirmLabel={t('sync.resendConfirm')}
          onCancel={() => setConfirm(null)}
          onConfirm={() => void act(() => desk.api['outbox.retry']({ id: confirm.item.id, resendInvite: true }), t('sync.resent'))}
        />
      )}
    </div>
  )
}

function StateDetail({ item, format, t }: { item: OutboxItem; format: Format; t: TFunction }): ReactNode {
  if (item.state === 'held') return <p className="state-detail">{t('sync.heldDetail')}</p>
  if (item.state === 'conflict') return <p className="state-detail">{t('sync.conflictDetail')}</p>
  const lines: string[] = []
  if (item.lastError && (item.state === 'failed' || item.state === 'rejected')) lines.push(describeError(t, item.lastError))
  if (item.attempts > 0) lines.push(t('sync.attempts', { count: item.attempts }))
  if (item.nextAttemptAt && item.state !== 'rejected') lines.push(t('sync.nextAttempt', { time: format.time(item.nextAttemptAt) }))
  return lines.length > 0 ? <p className="state-detail">{lines.join(' · ')}</p> : null
}

function lastSyncLine(t: TFunction, format: Format, status: AppStatus | null): string {
  if (!status?.portal) return t('status.noPortal')
  const last = status.lastSync
  if (!last) return t('status.neverSynced')
  const when = format.isToday(last.at) ? format.time(last.at) : `${format.date(last.at)} ${format.time(last.at)}`
  return last.ok ? t('sync.lastOk', { when }) : t('sync.lastFailed', { when, reason: last.error ? describeError(t, last.error) : t('errors.unknownValue') })
}
