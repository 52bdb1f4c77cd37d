// Bulk delegation: pick clients, pick their contacts (filtered across all of them), choose one change
// (a permission preset, e-mail preferences, or revoking access), see every change it makes, then queue it.
// The core has no contact search across clients yet: contacts come from contacts.list per chosen client.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { EMAIL_CATEGORIES, PERMISSIONS, type Access, type Client, type Contact, type EmailPreferences } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useDesk, usePresets, useStatus, useStores } from '../../store'
import { samePermissions } from '../../store/presets'
import { Dialog } from '../../ui/Dialog'
import { EmailPreferencesFields } from '../access/EmailPreferencesFields'
import { allPresets, categoryName, describeAccess, permissionTitle, type NamedPreset } from '../access/labels'
import { fullName } from '../clients/people'
import { NEW_CONTACT_PREFERENCES } from '../contacts/contactForm'
import './bulk.css'

type Action = 'preset' | 'preferences' | 'revoke'
type Loaded = Contact[] | 'loading' | DeskError

interface Change {
  contact: Contact
  client: Client
  before: string
  after: string
  changes: boolean
}

const SEARCH_DELAY_MS = 150

export function BulkPage(): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const stores = useStores()
  const ids = useId()
  const saved = usePresets((state) => state.saved)
  const presets = allPresets(t, saved)
  const generation = useStatus((state) => state.status?.portal?.generation ?? '8')
  const headingRef = useRef<HTMLHeadingElement>(null)

  const [search, setSearch] = useState('')
  const [found, setFound] = useState<{ query: string; items: Client[]; total: number } | null>(null)
  const [clients, setClients] = useState<Client[]>([])
  const [loaded, setLoaded] = useState<ReadonlyMap<number, Loaded>>(new Map())
  const [filter, setFilter] = useState('')
  const [chosen, setChosen] = useState<ReadonlySet<string>>(new Set())
  const [action, setAction] = useState<Action>('preset')
  const [presetId, setPresetId] = useState('finance')
  const [preferences, setPreferences] = useState<EmailPreferences>({ ...NEW_CONTACT_PREFERENCES })
  const [preview, setPreview] = useState<Change[] | null>(null)
  const [queueing, setQueueing] = useState(false)
  const [outcome, setOutcome] = useState<{ ok: true; count: number } | { ok: false; error: DeskError } | null>(null)
  const [chooseError, setChooseError] = useState(false)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  // Clients as the search box finds them (the same instant search as the client list).
  useEffect(() => {
    const query = search.trim()
    if (query === '') return
    let current = true
    const timer = setTimeout(() => {
      void desk.api['clients.list']({ search: query, offset: 0, limit: 20 }).then((result) => {
        if (current && result.ok) setFound({ query, items: result.value.items, total: result.value.total })
      })
    }, SEARCH_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [desk, search])

  function include(client: Client, on: boolean): void {
    if (!on) {
      setClients((current) => current.filter((each) => each.id !== client.id))
      const theirs = loaded.get(client.id)
      if (Array.isArray(theirs)) setChosen((current) => new Set([...current].filter((id) => !theirs.some((contact) => contact.localId === id))))
      return
    }
    if (clients.some((each) => each.id === client.id)) return
    setClients((current) => [...current, client])
    setLoaded((current) => new Map(current).set(client.id, 'loading'))
    void desk.api['contacts.list']({ clientId: client.id }).then((result) => {
      setLoaded((current) => new Map(current).set(client.id, result.ok ? result.value : result.error))
    })
  }

  const rows = useMemo(() => {
    const needle = filter.trim().toLocaleLowerCase()
    return clients.flatMap((client) => {
      const contacts = loaded.get(client.id)
      if (!Array.isArray(contacts)) return []
      const clientName = fullName(client.firstName, client.lastName) || client.companyName
      return contacts
        .filter((contact) => {
          if (needle === '') return true
          return `${fullName(contact.firstName, contact.lastName)} ${contact.email} ${clientName} ${client.companyName}`.toLocaleLowerCase().includes(needle)
        })
        .map((contact) => ({ contact, client }))
    })
  }, [clients, loaded, filter])

  const visibleChosen = rows.filter((row) => chosen.has(row.contact.localId)).length
  const allVisible = rows.length > 0 && visibleChosen === rows.length
  const chosenRows = clients.flatMap((client) => {
    const contacts = loaded.get(client.id)
    return Array.isArray(contacts) ? contacts.filter((contact) => chosen.has(contact.localId)).map((contact) => ({ contact, client })) : []
  })
  const preset = presets.find((each) => each.id === presetId) ?? presets[0]

  function toggle(localId: string, on: boolean): void {
    setChosen((current) => {
      const next = new Set(current)
      if (on) next.add(localId)
      else next.delete(localId)
      return next
    })
  }

  function makePreview(): void {
    if (chosenRows.length === 0) {
      setChooseError(true)
      return
    }
    setOutcome(null)
    setPreview(chosenRows.map(({ contact, client }) => changeOf(t, contact, client, action, preset, preferences, presets)))
  }

  async function queue(changes: Change[]): Promise<void> {
    const localIds = changes.filter((change) => change.changes).map((change) => change.contact.localId)
    if (localIds.length === 0 || queueing) return
    setQueueing(true)
    const result =
      action === 'preferences'
        ? await desk.api['bulk.setEmailPreferences']({ localIds, emailPreferences: preferences })
        : await desk.api['bulk.setAccess']({ localIds, access: action === 'revoke' ? { enabled: false, permissions: [] } : { enabled: true, permissions: [...(preset?.permissions ?? [])] } })
    setQueueing(false)
    setPreview(null)
    if (!result.ok) {
      setOutcome({ ok: false, error: result.error })
      return
    }
    setOutcome({ ok: true, count: result.value.length })
    // What the cache holds now, for the next change.
    const byId = new Map(result.value.map((contact) => [contact.localId, contact]))
    setLoaded((current) => new Map([...current].map(([clientId, contacts]) => [clientId, Array.isArray(contacts) ? contacts.map((contact) => byId.get(contact.localId) ?? contact) : contacts])))
  }

  return (
    <div className="page bulk-page">
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('bulk.heading')}
        </h1>
        <p className="page-subtitle">{t('bulk.intro')}</p>
      </header>

      <section className="card" aria-labelledby={`${ids}-clients`}>
        <h2 id={`${ids}-clients`}>{t('bulk.step1')}</h2>
        <div className="bulk-search">
          <label htmlFor={`${ids}-search`} className="field-label">
            {t('bulk.searchClients')}
          </label>
          <input
            id={`${ids}-search`}
            className="input"
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('clients.searchPlaceholder')}
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
        {search.trim() !== '' && found && (
          <ul className="bulk-found" aria-label={t('bulk.found', { count: found.total })}>
            {found.items.map((client) => {
              const label = `${fullName(client.firstName, client.lastName)}${client.companyName ? ` (${client.companyName})` : ''}`
              return (
                <li key={client.id}>
                  <label className="checkbox-row">
                    <input type="checkbox" checked={clients.some((each) => each.id === client.id)} onChange={(event) => include(client, event.target.checked)} />
                    <span>
                      {label} <span className="muted">{client.email}</span>
                    </span>
                  </label>
                </li>
              )
            })}
            {found.items.length === 0 && <li className="muted">{t('clients.empty.noMatch', { search: found.query })}</li>}
          </ul>
        )}
        {clients.length > 0 && (
          <ul className="chips" aria-label={t('bulk.chosenClients', { count: clients.length })}>
            {clients.map((client) => {
              const label = fullName(client.firstName, client.lastName) || client.companyName
              const contacts = loaded.get(client.id)
              return (
                <li key={client.id} className="chip">
                  <span>
                    {label}{' '}
                    <span className="muted">
                      {contacts === 'loading'
                        ? t('app.loading')
                        : Array.isArray(contacts)
                          ? t('bulk.contactCount', { count: contacts.length })
                          : contacts
                            ? describeError(t, contacts)
                            : ''}
                    </span>
                  </span>
                  <button type="button" className="chip-remove" aria-label={t('bulk.removeClient', { name: label })} onClick={() => include(client, false)}>
                    <span aria-hidden="true">×</span>
                  </button>
                </li>
              )
            })}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby={`${ids}-contacts`}>
        <h2 id={`${ids}-contacts`}>{t('bulk.step2')}</h2>
        <div className="toolbar">
          <label htmlFor={`${ids}-filter`} className="field-label">
            {t('bulk.filter')}
          </label>
          <input id={`${ids}-filter`} className="input bulk-filter" type="search" autoComplete="off" value={filter} onChange={(event) => setFilter(event.target.value)} />
          <p className="muted" aria-live="polite">
            {t('bulk.selectedCount', { count: chosen.size })}
          </p>
        </div>
        {rows.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">{t('bulk.contactsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('bulk.selectAllVisible', { count: rows.length })}
                      checked={allVisible}
                      ref={(element) => {
                        if (element) element.indeterminate = visibleChosen > 0 && !allVisible
                      }}
                      onChange={(event) => {
                        const on = event.target.checked
                        setChosen((current) => {
                          const next = new Set(current)
                          for (const row of rows) {
                            if (on) next.add(row.contact.localId)
                            else next.delete(row.contact.localId)
                          }
                          return next
                        })
                        setChooseError(false)
                      }}
                    />
                  </th>
                  <th scope="col">{t('bulk.columns.contact')}</th>
                  <th scope="col">{t('bulk.columns.client')}</th>
                  <th scope="col">{t('bulk.columns.access')}</th>
                  <th scope="col">{t('bulk.columns.invoices')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map(({ contact, client }) => {
                  const name = fullName(contact.firstName, contact.lastName) || contact.email
                  return (
                    <tr key={contact.localId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('bulk.selectContact', { name, email: contact.email })}
                          checked={chosen.has(contact.localId)}
                          onChange={(event) => {
                            toggle(contact.localId, event.target.checked)
                            setChooseError(false)
                          }}
                        />
                      </td>
                      <td>
                        <span className="cell-name">{name}</span> <span className="muted">{contact.email}</span>
                      </td>
                      <td>{fullName(client.firstName, client.lastName) || client.companyName}</td>
                      <td>{describeAccess(t, contact.access, presets)}</td>
                      <td>{contact.emailPreferences.invoice ? t('bulk.yes') : t('bulk.no')}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
          </div>
        ) : (
          <p className="empty-state">{clients.length === 0 ? t('bulk.noClients') : t('bulk.noContacts')}</p>
        )}
      </section>

      <section className="card" aria-labelledby={`${ids}-action`}>
        <h2 id={`${ids}-action`}>{t('bulk.step3')}</h2>
        <fieldset className="choice-group">
          <legend className="sr-only">{t('bulk.step3')}</legend>
          <label className="checkbox-row">
            <input type="radio" name={`${ids}-action`} checked={action === 'preset'} onChange={() => setAction('preset')} />
            <span>{t('bulk.actions.preset')}</span>
          </label>
          {action === 'preset' && (
            <div className="bulk-option">
              <label htmlFor={`${ids}-preset`} className="field-label">
                {t('bulk.preset')}
              </label>
              <select id={`${ids}-preset`} className="input" value={presetId} onChange={(event) => setPresetId(event.target.value)}>
                {presets.map((each) => (
                  <option key={each.id} value={each.id}>
                    {each.name}
                  </option>
                ))}
              </select>
              {preset && (
                <p className="muted">
                  {PERMISSIONS.filter((permission) => preset.permissions.includes(permission))
                    .map((permission) => permissionTitle(t, permission))
                    .join(', ')}
                </p>
              )}
              {generation === '8' ? <p className="muted">{t('bulk.presetNote8')}</p> : <p className="muted">{t('bulk.presetNote7')}</p>}
            </div>
          )}
          <label className="checkbox-row">
            <input type="radio" name={`${ids}-action`} checked={action === 'preferences'} onChange={() => setAction('preferences')} />
            <span>{t('bulk.actions.preferences')}</span>
          </label>
          {action === 'preferences' && (
            <div className="bulk-option">
              <EmailPreferencesFields value={preferences} onChange={setPreferences} legend={t('bulk.preferencesLegend')} />
            </div>
          )}
          <label className="checkbox-row">
            <input type="radio" name={`${ids}-action`} checked={action === 'revoke'} onChange={() => setAction('revoke')} />
            <span>{t('bulk.actions.revoke')}</span>
          </label>
        </fieldset>
        <div className="toolbar">
          <button type="button" className="button button-primary" onClick={makePreview}>
            {t('bulk.previewButton', { count: chosenRows.length })}
          </button>
        </div>
        <div role="alert">{chooseError && <p className="notice notice-error">{t('bulk.chooseFirst')}</p>}</div>
        <div aria-live="polite">
          {outcome?.ok && (
            <div className="notice notice-success">
              <p>{t('bulk.queued', { count: outcome.count })}</p>
              <div className="toolbar">
                <button type="button" className="button button-small" onClick={() => stores.route.getState().navigate({ name: 'sync' })}>
                  {t('bulk.viewQueue')}
                </button>
              </div>
            </div>
          )}
          {outcome && !outcome.ok && <p className="notice notice-error">{t('bulk.failed', { reason: describeError(t, outcome.error) })}</p>}
        </div>
      </section>

      {preview && (
        <Preview
          changes={preview}
          queueing={queueing}
          onCancel={() => setPreview(null)}
          onConfirm={() => void queue(preview)}
          actionText={action === 'preset' ? t('bulk.previewPreset', { preset: preset?.name ?? '' }) : action === 'revoke' ? t('bulk.previewRevoke') : t('bulk.previewPreferences')}
        />
      )}
    </div>
  )
}

function Preview({ changes, queueing, onCancel, onConfirm, actionText }: { changes: Change[]; queueing: boolean; onCancel: () => void; onConfirm: () => void; actionText: string }): ReactNode {
  const { t } = useTranslation()
  const effective = changes.filter((change) => change.changes).length
  return (
    <Dialog
      title={t('bulk.previewTitle')}
      description={actionText}
      onClose={onCancel}
      onSave={onConfirm}
      size="large"
      scrollableBody
      footer={
        <>
          <button type="button" className="button" onClick={onCancel}>
            {t('bulk.back')}
          </button>
          <button type="button" className="button button-primary" aria-disabled={effective === 0 || queueing || undefined} onClick={onConfirm}>
            {t('bulk.confirm', { count: effective })}
          </button>
        </>
      }
    >
      <p>
        {t('bulk.previewSummary', { count: effective })} {changes.length > effective && t('bulk.previewUnchanged', { count: changes.length - effective })}
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="sr-only">{t('bulk.previewTitle')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('bulk.columns.contact')}</th>
              <th scope="col">{t('bulk.columns.client')}</th>
              <th scope="col">{t('bulk.columns.before')}</th>
              <th scope="col">{t('bulk.columns.after')}</th>
            </tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.contact.localId} className={change.changes ? undefined : 'row-unchanged'}>
                <th scope="row">
                  {fullName(change.contact.firstName, change.contact.lastName) || change.contact.email} <span className="muted">{change.contact.email}</span>
                </th>
                <td>{fullName(change.client.firstName, change.client.lastName) || change.client.companyName}</td>
                <td>{change.before}</td>
                <td>{change.changes ? change.after : t('bulk.unchanged')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Dialog>
  )
}

function changeOf(t: TFunction, contact: Contact, client: Client, action: Action, preset: NamedPreset | undefined, preferences: EmailPreferences, presets: NamedPreset[]): Change {
  if (action === 'preferences') {
    const diffs = EMAIL_CATEGORIES.filter((category) => contact.emailPreferences[category] !== preferences[category])
    const state = (on: boolean): string => (on ? t('bulk.yes') : t('bulk.no'))
    return {
      contact,
      client,
      before: diffs.map((category) => `${categoryName(t, category)}: ${state(contact.emailPreferences[category])}`).join('; ') || t('bulk.same'),
      after: diffs.map((category) => `${categoryName(t, category)}: ${state(preferences[category])}`).join('; '),
      changes: diffs.length > 0,
    }
  }
  const target: Access = action === 'revoke' ? { enabled: false, permissions: [] } : { enabled: true, permissions: [...(preset?.permissions ?? [])] }
  const current = contact.access
  const same = current !== null && current.enabled === target.enabled && (!target.enabled || samePermissions(current.permissions, target.permissions))
  return { contact, client, before: describeAccess(t, current, presets), after: describeAccess(t, target, presets), changes: !same }
}
