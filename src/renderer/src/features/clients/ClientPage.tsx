// One client: "who gets what" (owner, contacts, logins × e-mail categories, access, permissions), the
// data's warnings with the help article's reasoning, the latest payment reminders of the portal's e-mail log, and
// every edit one click away, saved offline.
import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { ClientView } from '../../../../shared/contract'
import { ownDomainsOf } from '../../../../shared/email-domains'
import { PERMISSIONS, type Contact, type Generation } from '../../../../shared/domain'
import { describeError } from '../../i18n/describeError'
import { useFormat, type Format } from '../../i18n/format'
import { useClientList, useClientView, useStatus, useStores } from '../../store'
import type { ReachabilityRoute } from '../../store/route'
import { findClient } from '../../store/clients'
import { AccessEditor, type AccessSubject } from '../access/AccessEditor'
import type { CopySource } from '../access/PermissionPicker'
import { ContactEditor, type EditorTarget } from '../contacts/ContactEditor'
import { SecondContact } from '../contacts/SecondContact'
import { OwnerPreferences } from './OwnerPreferences'
import { PaymentReminders } from './PaymentReminders'
import { fullName, peopleOf, permissionsOf, type Person } from './people'
import { WhoGetsWhat } from './WhoGetsWhat'
import './clients.css'

type Open =
  { kind: 'editor'; target: EditorTarget } | { kind: 'access'; person: Person; subject: AccessSubject } | { kind: 'second' } | { kind: 'owner' } | null

/** `returnTo`: the audit screen it was opened from, where Back goes (the client list otherwise). */
export function ClientPage({ id, returnTo }: { id: number; returnTo?: ReachabilityRoute }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const stores = useStores()
  const gridHeadingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const listed = useClientList((state) => findClient(state, id))
  const view = useClientView((state) => (state.id === id ? state.view : null))
  const error = useClientView((state) => (state.id === id ? state.error : null))
  const loading = useClientView((state) => state.loading)
  const generation: Generation = useStatus((state) => state.status?.portal?.generation ?? '8')
  const [open, setOpen] = useState<Open>(null)
  const [notice, setNotice] = useState<string | null>(null)

  useEffect(() => {
    void stores.clientView.getState().open(id)
  }, [stores, id])

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const client = view?.client ?? listed
  const back = (): void => (returnTo ? stores.route.getState().navigate(returnTo) : stores.route.getState().navigate({ name: 'clients' }, 'list'))
  const name = client ? fullName(client.firstName, client.lastName) || client.companyName : null
  const people = view ? peopleOf(view) : []
  const copySources = (except: string | null): CopySource[] =>
    people.flatMap((person) => {
      const permissions = permissionsOf(person, PERMISSIONS)
      return person.key !== except && permissions && permissions.length > 0 ? [{ key: person.key, name: `${person.name} <${person.email}>`, permissions }] : []
    })
  const takenEmails = view ? [view.client.email, ...view.contacts.map((contact) => contact.email)] : []
  const ownDomains = useMemo(() => (view ? ownDomainsOf(view.client.email, view.domains) : []), [view])
  const focusHeading = useCallback(() => headingRef.current, [])

  const saved = (message: string, contact?: Contact): void => {
    if (contact) stores.clientView.getState().putContact(contact)
    setOpen(null)
    setNotice(message)
    // The edit is in the cache already: read it back from there (instant, offline too) with the warnings it changes.
    void stores.clientView.getState().reload({ refresh: false })
  }

  return (
    <article
      className="page client-page"
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open === null) back()
      }}
    >
      <button type="button" className="link-button back-link" onClick={back}>
        <span aria-hidden="true">← </span>
        {t('client.back')}
      </button>
      <header className="page-header client-header-row">
        <div className="client-title">
          <h1 ref={headingRef} tabIndex={-1}>
            {name ?? (error ? t('client.loadFailed', { reason: describeError(t, error) }) : t('client.loading'))}
          </h1>
          {client && (
            <p className="page-subtitle">
              {[client.companyName, client.email].filter(Boolean).join(' · ')}
              {' · '}
              <span className={`badge badge-${client.status.toLowerCase()}`}>{t(`clients.status.${client.status}`)}</span>
              {client.createdOn && <> · {t('client.sinceShort', { date: format.day(client.createdOn) })}</>}
            </p>
          )}
          <p className="freshness" aria-live="polite">
            {loading && view === null ? t('client.loading') : view ? freshnessText(t, format, view) : null}
            {loading && view !== null && <span className="muted"> · {t('client.refreshing')}</span>}
          </p>
        </div>
        {client && (
          <div className="toolbar">
            <button
              type="button"
              className="button"
              disabled={view === null}
              onClick={() => setOpen({ kind: 'editor', target: { kind: 'create', clientId: id } })}
            >
              {t('client.addContact')}
            </button>
            {/* With a warning on screen, its banner carries this button (one button, one name). */}
            {(view === null || view.warnings.length === 0) && (
              <button type="button" className="button button-primary" disabled={view === null} onClick={() => setOpen({ kind: 'second' })}>
                {t('client.addSecondContact')}
              </button>
            )}
            <button type="button" className="button" onClick={() => stores.route.getState().navigate({ name: 'audit', clientId: id })}>
              {t('client.history')}
            </button>
            <button
              type="button"
              className="button"
              aria-disabled={loading || undefined}
              onClick={() => void stores.clientView.getState().reload({ refresh: true })}
            >
              {t('client.refresh')}
            </button>
          </div>
        )}
      </header>

      {error && client && (
        <p className="notice notice-error" role="alert">
          {t('client.loadFailed', { reason: describeError(t, error) })}
        </p>
      )}
      <div aria-live="polite" className="page-status">
        {notice && <p className="notice notice-success">{notice}</p>}
      </div>

      {view && view.warnings.length > 0 && (
        <section className="reach-warnings" aria-label={t('client.warningsLabel')}>
          {view.warnings.map((warning) => (
            <div key={warning} className="notice notice-warning reach-warning">
              <p>
                <strong>{t(`client.warnings.${warning}.title`)}</strong>
                {t(`client.warnings.${warning}.reason`)}
              </p>
              <p>{t('client.warnings.advice')}</p>
              <button type="button" className="button button-primary" onClick={() => setOpen({ kind: 'second' })}>
                {t('client.addSecondContact')}
              </button>
            </div>
          ))}
        </section>
      )}

      {view && (
        <section className="card grid-card" aria-labelledby={gridHeadingId}>
          <div className="grid-card-head">
            <h2 id={gridHeadingId}>{t('grid.heading')}</h2>
            <p className="muted">{t('grid.legend')}</p>
          </div>
          <WhoGetsWhat
            people={people}
            generation={generation}
            ownerPreferencesKnown={view.ownerEmailPreferences !== null}
            onEdit={(person) => person.contact && setOpen({ kind: 'editor', target: { kind: 'edit', contact: person.contact } })}
            onAccess={(person) => {
              const subject = accessSubjectOf(person, id)
              if (subject) setOpen({ kind: 'access', person, subject })
            }}
            onOwnerPreferences={() => setOpen({ kind: 'owner' })}
            onMakeContact={(person) => setOpen({ kind: 'editor', target: { kind: 'create', clientId: id, from: { name: person.name, email: person.email } } })}
          />
          {view.logins === null && <p className="muted">{t('grid.loginsUnknown')}</p>}
        </section>
      )}

      {view && <PaymentReminders log={view.paymentReminders} />}

      {open?.kind === 'editor' && view && (
        <ContactEditor
          target={open.target}
          ownDomains={ownDomains}
          takenEmails={takenEmails.filter((email) => open.target.kind === 'create' || email !== open.target.contact.email)}
          onClose={() => setOpen(null)}
          onSaved={(contact, how) =>
            saved(t(how === 'created' ? 'client.notices.created' : 'client.notices.updated', { name: fullName(contact.firstName, contact.lastName) }), contact)
          }
          onDeleted={(contact) => {
            stores.clientView.getState().dropContact(contact.localId)
            saved(t('client.notices.deleted', { name: fullName(contact.firstName, contact.lastName) }))
          }}
          fallbackFocus={focusHeading}
        />
      )}
      {open?.kind === 'access' && (
        <AccessEditor
          subject={open.subject}
          current={
            open.person.access.kind === 'enabled'
              ? { enabled: true, permissions: open.person.access.permissions }
              : open.person.access.kind === 'none'
                ? { enabled: false, permissions: [] }
                : null
          }
          loginState={open.person.loginState}
          generation={generation}
          copySources={copySources(open.person.key)}
          onClose={() => setOpen(null)}
          onSaved={(how, contact) => saved(t(`client.notices.${how}`, { name: open.person.name, email: open.person.email }), contact ?? undefined)}
        />
      )}
      {open?.kind === 'second' && view && (
        <SecondContact
          client={view.client}
          ownDomains={ownDomains}
          generation={generation}
          takenEmails={takenEmails}
          copySources={copySources(null)}
          onClose={() => setOpen(null)}
          onSaved={(contact) =>
            saved(t('client.notices.secondContact', { name: fullName(contact.firstName, contact.lastName), email: contact.email }), contact)
          }
        />
      )}
      {open?.kind === 'owner' && view?.ownerEmailPreferences && (
        <OwnerPreferences
          clientId={view.client.id}
          name={name ?? ''}
          value={view.ownerEmailPreferences}
          onClose={() => setOpen(null)}
          onSaved={(preferences) => {
            stores.clientView.getState().putOwnerPreferences(view.client.id, preferences)
            saved(t('client.notices.ownerPreferences'))
          }}
        />
      )}
    </article>
  )
}

/** A contact's access, or an 8.x login's that no contact stands for; nobody else's can be edited here. */
function accessSubjectOf(person: Person, clientId: number): AccessSubject | null {
  if (person.contact) return { kind: 'contact', contact: person.contact }
  const login = person.login
  if (person.role === 'login' && login?.kind === 'user' && login.userId !== null)
    return { kind: 'login', clientId, userId: login.userId, name: person.name, email: person.email }
  return null
}

function freshnessText(t: TFunction, format: Format, view: ClientView): string {
  if (view.fetchedAt === null) return t('client.neverRead')
  const time = format.time(view.fetchedAt)
  if (view.fresh) return format.isToday(view.fetchedAt) ? t('client.updatedAt', { time }) : t('client.updatedOn', { date: format.date(view.fetchedAt), time })
  return t('client.offlineData', { date: format.dayMonth(view.fetchedAt), time })
}
