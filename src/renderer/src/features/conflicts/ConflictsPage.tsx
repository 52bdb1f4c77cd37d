// Conflicts: the same field changed here and on the portal since the last sync. Per field: the value both
// started from, mine and the portal's; keep mine, keep the portal's, or write the value to keep.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ConflictItem } from '../../../../shared/contract'
import type { Permission } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useConflicts, useDesk, usePresets, useStores } from '../../store'
import { allPresets } from '../access/labels'
import { PermissionPicker } from '../access/PermissionPicker'
import { keyLabel, valueText } from '../sync/fieldKeys'
import { ACCESS_KEY, accessValue, parseAccessValue, WHOLE_RECORD, type FlatValue } from '../../../../shared/record-keys'
import '../sync/sync.css'
import { Table } from '../../ui/Table'

export function ConflictsPage(): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const items = useConflicts((state) => state.items)
  const loadError = useConflicts((state) => state.error)
  const headingRef = useRef<HTMLHeadingElement>(null)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    headingRef.current?.focus()
    void stores.conflicts.getState().load()
  }, [stores])

  const groups = new Map<string, ConflictItem[]>()
  for (const item of items ?? []) groups.set(`${item.entity}:${item.entityKey}`, [...(groups.get(`${item.entity}:${item.entityKey}`) ?? []), item])

  return (
    <div className="page conflicts-page">
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('conflicts.heading')}
        </h1>
        <p className="page-subtitle">{t('conflicts.intro')}</p>
      </header>
      <div aria-live="polite">{notice && <p className="notice notice-success">{notice}</p>}</div>
      {loadError && <p className="notice notice-error">{describeError(t, loadError)}</p>}
      {items === null ? (
        <p className="muted">{t('app.loading')}</p>
      ) : items.length === 0 ? (
        <p className="empty-state">{t('conflicts.empty')}</p>
      ) : (
        [...groups.values()].map((conflicts) => (
          <ConflictGroup key={`${conflicts[0]?.entity}:${conflicts[0]?.entityKey}`} conflicts={conflicts} onResolved={setNotice} />
        ))
      )}
    </div>
  )
}

function ConflictGroup({ conflicts, onResolved }: { conflicts: ConflictItem[]; onResolved: (notice: string) => void }): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const headingId = useId()
  const first = conflicts[0]
  if (!first) return null
  return (
    <section className="card" aria-labelledby={headingId}>
      <div className="conflict-head">
        <h2 id={headingId}>{first.label}</h2>
        <button type="button" className="link-button" onClick={() => stores.route.getState().navigate({ name: 'client', id: first.clientId })}>
          {t('conflicts.openClient')}
        </button>
      </div>
      <Table
        caption={t('conflicts.caption', { label: first.label })}
        className="conflict-table"
        columns={[
          t('conflicts.columns.field'),
          t('conflicts.columns.base'),
          t('conflicts.columns.mine'),
          t('conflicts.columns.theirs'),
          t('conflicts.columns.choice'),
        ]}
      >
        {conflicts.map((conflict) => (
          <ConflictRow key={conflict.id} conflict={conflict} onResolved={onResolved} />
        ))}
      </Table>
    </section>
  )
}

function ConflictRow({ conflict, onResolved }: { conflict: ConflictItem; onResolved: (notice: string) => void }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const desk = useDesk()
  const stores = useStores()
  const saved = usePresets((state) => state.saved)
  const presets = allPresets(t, saved)
  const ids = useId()
  const [editing, setEditing] = useState(false)
  const [failure, setFailure] = useState<DeskError | null>(null)
  const field = keyLabel(t, conflict.key)
  const editable =
    conflict.key !== WHOLE_RECORD &&
    (typeof conflict.mine !== 'object' || conflict.mine === null) &&
    (typeof conflict.theirs !== 'object' || conflict.theirs === null)

  async function resolve(choice: 'mine' | 'theirs' | 'edit', value?: FlatValue): Promise<void> {
    setFailure(null)
    const result = await desk.api['conflicts.resolve']({ id: conflict.id, choice, ...(choice === 'edit' ? { value: value ?? null } : {}) })
    if (!result.ok) {
      setFailure(result.error)
      return
    }
    onResolved(t('conflicts.resolved', { field, label: conflict.label }))
    await stores.conflicts.getState().load()
  }

  const show = (value: unknown): string => valueText(t, conflict.key, value, presets)
  return (
    <>
      <tr>
        <th scope="row">
          {field}
          <span className="muted state-detail">{t('conflicts.since', { when: `${format.date(conflict.createdAt)} ${format.time(conflict.createdAt)}` })}</span>
        </th>
        <td>{show(conflict.base)}</td>
        <td className="conflict-mine">{show(conflict.mine)}</td>
        <td className="conflict-theirs">{show(conflict.theirs)}</td>
        <td className="row-actions">
          <button type="button" className="button button-small" aria-label={t('conflicts.keepMineFor', { field })} onClick={() => void resolve('mine')}>
            {t('conflicts.keepMine')}
          </button>
          <button type="button" className="button button-small" aria-label={t('conflicts.keepTheirsFor', { field })} onClick={() => void resolve('theirs')}>
            {t('conflicts.keepTheirs')}
          </button>
          {editable && (
            <button
              type="button"
              className="button button-small"
              aria-expanded={editing}
              aria-controls={`${ids}-edit`}
              aria-label={t('conflicts.editFor', { field })}
              onClick={() => setEditing((open) => !open)}
            >
              {t('conflicts.edit')}
            </button>
          )}
          {failure && (
            <p className="field-error" role="alert">
              {describeError(t, failure)}
            </p>
          )}
        </td>
      </tr>
      {editing && (
        <tr id={`${ids}-edit`} className="conflict-edit-row">
          <td colSpan={5}>
            <EditValue conflict={conflict} field={field} onCancel={() => setEditing(false)} onSave={(value) => void resolve('edit', value)} />
          </td>
        </tr>
      )}
    </>
  )
}

function EditValue({
  conflict,
  field,
  onCancel,
  onSave,
}: {
  conflict: ConflictItem
  field: string
  onCancel: () => void
  onSave: (value: FlatValue) => void
}): ReactNode {
  const { t } = useTranslation()
  const ids = useId()
  const mine = conflict.mine as FlatValue
  const access = conflict.key === ACCESS_KEY ? (parseAccessValue(mine) ?? parseAccessValue(conflict.theirs) ?? { enabled: false, permissions: [] }) : null
  const [text, setText] = useState(typeof mine === 'string' ? mine : '')
  const [flag, setFlag] = useState(mine === true)
  const [enabled, setEnabled] = useState(access?.enabled ?? false)
  const [permissions, setPermissions] = useState<Permission[]>(access?.permissions ?? [])
  const boolean = typeof mine === 'boolean' || typeof conflict.theirs === 'boolean'

  const value = (): FlatValue => (access ? accessValue({ enabled, permissions }) : boolean ? flag : text)
  return (
    <form
      className="conflict-edit"
      aria-label={t('conflicts.editLabel', { field })}
      onSubmit={(event) => {
        event.preventDefault()
        onSave(value())
      }}
      onKeyDown={(event) => {
        if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') {
          event.preventDefault()
          onSave(value())
        } else if (event.key === 'Escape') {
          event.stopPropagation()
          onCancel()
        }
      }}
    >
      {access ? (
        <>
          <label className="checkbox-row">
            <input type="checkbox" checked={enabled} onChange={(event) => setEnabled(event.target.checked)} />
            <span>{t('access.canLogIn')}</span>
          </label>
          {enabled && <PermissionPicker value={permissions} onChange={setPermissions} />}
        </>
      ) : boolean ? (
        <label className="checkbox-row">
          <input type="checkbox" checked={flag} onChange={(event) => setFlag(event.target.checked)} />
          <span>{field}</span>
        </label>
      ) : (
        <div className="field">
          <label className="field-label" htmlFor={`${ids}-value`}>
            {t('conflicts.valueFor', { field })}
          </label>
          <input id={`${ids}-value`} className="input" type="text" value={text} onChange={(event) => setText(event.target.value)} autoFocus />
        </div>
      )}
      <div className="toolbar">
        <button type="submit" className="button button-primary button-small">
          {t('conflicts.saveEdit')}
        </button>
        <button type="button" className="button button-small" onClick={onCancel}>
          {t('dialog.cancel')}
        </button>
      </div>
    </form>
  )
}
