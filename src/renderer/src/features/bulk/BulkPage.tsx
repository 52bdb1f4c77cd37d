// Bulk delegation: find contacts across every client (by the contact, or by its client), tick many (or every
// result), choose one change (a permission preset, e-mail preferences, or revoking access), see every
// change it makes, then queue it. A whole e-mail address finds that person on every client: revoking a
// departed person everywhere is one search, "tick all", revoke — on 8.x their logins on clients where they
// are no contact too (LoginHits).
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ContactHits, LoginHit } from '../../../../shared/contract'
import { isEmailAddress } from '../../../../shared/contact-rules'
import { EMAIL_CATEGORIES, PERMISSIONS, type Access, type Contact, type EmailPreferences } from '../../../../shared/domain'
import type { DeskError } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useDesk, usePresets, useStatus, useStores } from '../../store'
import { samePermissions } from '../../../../shared/presets'
import { Dialog } from '../../ui/Dialog'
import { EmailPreferencesFields } from '../access/EmailPreferencesFields'
import { allPresets, categoryName, describeAccess, permissionTitle, type NamedPreset } from '../access/labels'
import { fullName } from '../clients/people'
import { NEW_CONTACT_PREFERENCES } from '../../../../shared/contact-rules'
import { loginAccess, LoginHits, loginKeyOf } from './LoginHits'
import './bulk.css'
import { Table } from '../../ui/Table'

type Action = 'preset' | 'preferences' | 'revoke'
type AccessFilter = 'any' | 'with' | 'without'
/** A contact found, with its client's name (what contacts.search answers). */
type Hit = ContactHits['items'][number]

/** Whom a change touches: a contact, or (8.x) a login that is no contact of its client. */
type Target = { kind: 'contact'; hit: Hit } | { kind: 'login'; login: LoginHit }

interface Change {
  target: Target
  before: string
  after: string
  changes: boolean
}

const SEARCH_DELAY_MS = 150
/** Results listed at once; "tick all" takes every result, up to what one bulk change accepts. */
const SHOWN = 200
const MOST_AT_ONCE = 5000

const hasAccessOf = (filter: AccessFilter): boolean | undefined => (filter === 'any' ? undefined : filter === 'with')
const contactName = (contact: Contact): string => fullName(contact.firstName, contact.lastName) || contact.email

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
  const [accessFilter, setAccessFilter] = useState<AccessFilter>('any')
  const [found, setFound] = useState<{ query: string; items: Hit[]; total: number } | DeskError | null>(null)
  // Ticked contacts outlive the search that found them: several searches add up to one change.
  const [chosen, setChosen] = useState<ReadonlyMap<string, Hit>>(new Map())
  const [tickingAll, setTickingAll] = useState(false)
  // 8.x: the logins a whole e-mail address names on clients where it is no contact, and the ones ticked.
  const [logins, setLogins] = useState<{ query: string; items: LoginHit[] } | null>(null)
  const [chosenLogins, setChosenLogins] = useState<ReadonlyMap<string, LoginHit>>(new Map())
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

  // Contacts as the search box finds them, instantly from the cache.
  useEffect(() => {
    const query = search.trim()
    if (query === '') return
    let current = true
    const timer = setTimeout(() => {
      void desk.api['contacts.search']({ search: query, hasAccess: hasAccessOf(accessFilter), limit: SHOWN }).then((result) => {
        if (current) setFound(result.ok ? { query, items: result.value.items, total: result.value.total } : result.error)
      })
    }, SEARCH_DELAY_MS)
    return () => {
      current = false
      clearTimeout(timer)
    }
  }, [desk, search, accessFilter])

  useEffect(() => {
    const query = search.trim()
    if (generation !== '8' || !isEmailAddress(query)) return
    let current = true
    void desk.api['logins.search']({ email: query }).then((result) => {
      if (current && result.ok) setLogins({ query, items: result.value })
    })
    return () => {
      current = false
    }
  }, [desk, search, generation])

  const results = search.trim() !== '' && found !== null && 'items' in found ? found : null
  const loginsFound = logins !== null && logins.query === search.trim() ? logins.items : []
  const shownChosen = results?.items.filter((hit) => chosen.has(hit.contact.localId)).length ?? 0
  const allShownChosen = results !== null && results.items.length > 0 && shownChosen === results.items.length
  const preset = presets.find((each) => each.id === presetId) ?? presets[0]

  function choose(hits: readonly Hit[], on: boolean): void {
    setChosen((current) => {
      const next = new Map(current)
      for (const hit of hits) {
        if (on) next.set(hit.contact.localId, hit)
        else next.delete(hit.contact.localId)
      }
      return next
    })
    setChooseError(false)
  }

  /** Every result of the search, not only the ones listed: fetched once more when there are more. */
  async function chooseAllResults(on: boolean): Promise<void> {
    if (results === null) return
    if (!on || results.total <= results.items.length) {
      choose(results.items, on)
      return
    }
    setTickingAll(true)
    const all = await desk.api['contacts.search']({ search: results.query, hasAccess: hasAccessOf(accessFilter), limit: MOST_AT_ONCE })
    setTickingAll(false)
    if (all.ok) choose(all.value.items, true)
    else setFound(all.error)
  }

  function makePreview(): void {
    if (chosen.size + chosenLogins.size === 0) {
      setChooseError(true)
      return
    }
    setOutcome(null)
    const targets: Target[] = [
      ...[...chosen.values()].map((hit): Target => ({ kind: 'contact', hit })),
      ...[...chosenLogins.values()].map((login): Target => ({ kind: 'login', login })),
    ]
    setPreview(targets.map((target) => changeOf(t, target, action, preset, preferences, presets)))
  }

  async function queue(changes: Change[]): Promise<void> {
    const going = changes.filter((change) => change.changes).map((change) => change.target)
    const localIds = going.flatMap((target) => (target.kind === 'contact' ? [target.hit.contact.localId] : []))
    const loginIds = going.flatMap((target) => (target.kind === 'login' ? [{ clientId: target.login.clientId, userId: target.login.userId }] : []))
    if (going.length === 0 || queueing) return
    setQueueing(true)
    const result =
      action === 'preferences'
        ? await desk.api['bulk.setEmailPreferences']({ localIds, emailPreferences: preferences })
        : await desk.api['bulk.setAccess']({ localIds, logins: loginIds, access: targetAccess(action, preset) })
    setQueueing(false)
    setPreview(null)
    if (!result.ok) {
      setOutcome({ ok: false, error: result.error })
      return
    }
    setOutcome({ ok: true, count: going.length })
    if (loginIds.length > 0 && logins !== null) {
      // The logins as they stand now (pending, being removed), for the next change.
      const again = await desk.api['logins.search']({ email: logins.query })
      if (again.ok) {
        const byKey = new Map(again.value.map((login) => [loginKeyOf(login), login]))
        setLogins({ query: logins.query, items: again.value })
        setChosenLogins((current) => new Map([...current].map(([key, login]) => [key, byKey.get(key) ?? login])))
      }
    }
    // What the cache holds now, for the next change.
    const byId = new Map(result.value.map((contact) => [contact.localId, contact]))
    const refreshed = (hit: Hit): Hit => ({ ...hit, contact: byId.get(hit.contact.localId) ?? hit.contact })
    setChosen((current) => new Map([...current].map(([localId, hit]) => [localId, refreshed(hit)])))
    setFound((current) => (current !== null && 'items' in current ? { ...current, items: current.items.map(refreshed) } : current))
  }

  return (
    <div className="page bulk-page">
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('bulk.heading')}
        </h1>
        <p className="page-subtitle">{t('bulk.intro')}</p>
      </header>

      <section className="card" aria-labelledby={`${ids}-contacts`}>
        <h2 id={`${ids}-contacts`}>{t('bulk.step1')}</h2>
        <div className="bulk-search">
          <div className="bulk-search-field">
            <label htmlFor={`${ids}-search`} className="field-label">
              {t('bulk.searchContacts')}
            </label>
            <input
              id={`${ids}-search`}
              className="input"
              type="search"
              autoComplete="off"
              spellCheck={false}
              aria-describedby={`${ids}-search-hint`}
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <p id={`${ids}-search-hint`} className="field-hint">
              {t('bulk.searchHint')}
            </p>
          </div>
          <div className="bulk-access-filter">
            <label htmlFor={`${ids}-access`} className="field-label">
              {t('bulk.accessFilter')}
            </label>
            <select id={`${ids}-access`} className="input" value={accessFilter} onChange={(event) => setAccessFilter(event.target.value as AccessFilter)}>
              <option value="any">{t('bulk.accessAny')}</option>
              <option value="with">{t('bulk.accessWith')}</option>
              <option value="without">{t('bulk.accessWithout')}</option>
            </select>
          </div>
        </div>
        <div className="toolbar">
          <p className="muted" aria-live="polite">
            {results !== null && t('bulk.found', { count: results.total })}
          </p>
          <p className="muted" aria-live="polite">
            {t('bulk.selectedCount', { count: chosen.size })}
          </p>
          {chosenLogins.size > 0 && (
            <p className="muted" aria-live="polite">
              {t('bulk.logins.selectedCount', { count: chosenLogins.size })}
            </p>
          )}
          {chosen.size + chosenLogins.size > 0 && (
            <button
              type="button"
              className="button button-small"
              onClick={() => {
                setChosen(new Map())
                setChosenLogins(new Map())
              }}
            >
              {t('bulk.untickAll')}
            </button>
          )}
        </div>
        {found !== null && !('items' in found) && search.trim() !== '' && (
          <p className="notice notice-error" role="alert">
            {describeError(t, found)}
          </p>
        )}
        {results !== null && results.items.length > 0 ? (
          <div className="table-wrap">
            <table className="table">
              <caption className="sr-only">{t('bulk.contactsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label={t('bulk.selectAllResults', { count: results.total })}
                      checked={allShownChosen}
                      disabled={tickingAll}
                      ref={(element) => {
                        if (element) element.indeterminate = shownChosen > 0 && !allShownChosen
                      }}
                      onChange={(event) => void chooseAllResults(event.target.checked)}
                    />
                  </th>
                  <th scope="col">{t('bulk.columns.contact')}</th>
                  <th scope="col">{t('bulk.columns.client')}</th>
                  <th scope="col">{t('bulk.columns.access')}</th>
                  <th scope="col">{t('bulk.columns.invoices')}</th>
                </tr>
              </thead>
              <tbody>
                {results.items.map((hit) => {
                  const { contact } = hit
                  return (
                    <tr key={contact.localId}>
                      <td>
                        <input
                          type="checkbox"
                          aria-label={t('bulk.selectContact', { name: contactName(contact), email: contact.email })}
                          checked={chosen.has(contact.localId)}
                          onChange={(event) => choose([hit], event.target.checked)}
                        />
                      </td>
                      <td>
                        <span className="cell-name">{contactName(contact)}</span> <span className="muted">{contact.email}</span>
                      </td>
                      <td>{hit.clientName}</td>
                      <td>{describeAccess(t, contact.access, presets)}</td>
                      <td>{contact.emailPreferences.invoice ? t('bulk.yes') : t('bulk.no')}</td>
                    </tr>
                  )
                })}
              </tbody>
            </table>
            {results.total > results.items.length && <p className="muted">{t('bulk.showingFirst', { shown: results.items.length, count: results.total })}</p>}
          </div>
        ) : (
          <p className="empty-state">{results !== null ? t('bulk.noContacts', { search: results.query }) : t('bulk.noSearch')}</p>
        )}
        {loginsFound.length > 0 && (
          <LoginHits
            logins={loginsFound}
            chosen={chosenLogins}
            presets={presets}
            onChoose={(hits, on) => {
              setChosenLogins((current) => {
                const next = new Map(current)
                for (const login of hits) {
                  if (on) next.set(loginKeyOf(login), login)
                  else next.delete(loginKeyOf(login))
                }
                return next
              })
              setChooseError(false)
            }}
          />
        )}
      </section>

      <section className="card" aria-labelledby={`${ids}-action`}>
        <h2 id={`${ids}-action`}>{t('bulk.step2')}</h2>
        <fieldset className="choice-group">
          <legend className="sr-only">{t('bulk.step2')}</legend>
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
            {chosenLogins.size === 0
              ? t('bulk.previewButton', { count: chosen.size })
              : t('bulk.previewButtonMixed', { count: chosen.size + chosenLogins.size })}
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
          actionText={
            action === 'preset'
              ? t('bulk.previewPreset', { preset: preset?.name ?? '' })
              : action === 'revoke'
                ? t('bulk.previewRevoke')
                : t('bulk.previewPreferences')
          }
        />
      )}
    </div>
  )
}

function Preview({
  changes,
  queueing,
  onCancel,
  onConfirm,
  actionText,
}: {
  changes: Change[]
  queueing: boolean
  onCancel: () => void
  onConfirm: () => void
  actionText: string
}): ReactNode {
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
      <Table
        caption={t('bulk.previewTitle')}
        columns={[t('bulk.columns.contact'), t('bulk.columns.client'), t('bulk.columns.before'), t('bulk.columns.after')]}
      >
        {changes.map(({ target, before, after, changes: changed }) => (
          <tr
            key={target.kind === 'contact' ? target.hit.contact.localId : `login:${loginKeyOf(target.login)}`}
            className={changed ? undefined : 'row-unchanged'}
          >
            <th scope="row">
              {target.kind === 'contact' ? contactName(target.hit.contact) : target.login.name || target.login.email}{' '}
              <span className="muted">{target.kind === 'contact' ? target.hit.contact.email : target.login.email}</span>
              {target.kind === 'login' && <span className="badge badge-muted">{t('grid.role.login')}</span>}
            </th>
            <td>{target.kind === 'contact' ? target.hit.clientName : target.login.clientName}</td>
            <td>{before}</td>
            <td>{changed ? after : t('bulk.unchanged')}</td>
          </tr>
        ))}
      </Table>
    </Dialog>
  )
}

/** The access a preset or a revocation gives. */
function targetAccess(action: Action, preset: NamedPreset | undefined): Access {
  return action === 'revoke' ? { enabled: false, permissions: [] } : { enabled: true, permissions: [...(preset?.permissions ?? [])] }
}

function changeOf(
  t: TFunction,
  target: Target,
  action: Action,
  preset: NamedPreset | undefined,
  preferences: EmailPreferences,
  presets: NamedPreset[],
): Change {
  if (target.kind === 'login') {
    // A login that is no contact receives no e-mail of this client: only its access can change.
    if (action === 'preferences') return { target, before: t('bulk.logins.noEmail'), after: '', changes: false }
    const current = loginAccess(target.login)
    return {
      target,
      before: describeAccess(t, current, presets),
      after: describeAccess(t, targetAccess(action, preset), presets),
      changes: !sameAccess(current, targetAccess(action, preset)),
    }
  }
  const { contact } = target.hit
  if (action === 'preferences') {
    const diffs = EMAIL_CATEGORIES.filter((category) => contact.emailPreferences[category] !== preferences[category])
    const state = (on: boolean): string => (on ? t('bulk.yes') : t('bulk.no'))
    return {
      target,
      before: diffs.map((category) => `${categoryName(t, category)}: ${state(contact.emailPreferences[category])}`).join('; ') || t('bulk.same'),
      after: diffs.map((category) => `${categoryName(t, category)}: ${state(preferences[category])}`).join('; '),
      changes: diffs.length > 0,
    }
  }
  const current = contact.access
  return {
    target,
    before: describeAccess(t, current, presets),
    after: describeAccess(t, targetAccess(action, preset), presets),
    changes: !sameAccess(current, targetAccess(action, preset)),
  }
}

/** Unknown access is never "the same": the change is sent and the portal's side judged when it goes. */
function sameAccess(current: Access | null, target: Access): boolean {
  return current !== null && current.enabled === target.enabled && (!target.enabled || samePermissions(current.permissions, target.permissions))
}
