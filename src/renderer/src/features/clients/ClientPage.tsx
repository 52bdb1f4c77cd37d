// One client: who it is, from the cache. Its contacts and logins (the "who gets what" grid) come next.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { Client } from '../../../../shared/domain'
import type { Result } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useClientList, useDesk, useStores } from '../../store'
import { findClient } from '../../store/clients'
import './clients.css'

export function ClientPage({ id }: { id: number }): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const desk = useDesk()
  const stores = useStores()
  const contactsHeadingId = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  // The row the list already holds shows at once; clients.get then brings the cached record.
  const listed = useClientList((state) => findClient(state, id))
  const [answer, setAnswer] = useState<Result<Client> | null>(null)

  useEffect(() => {
    let current = true
    void desk.api['clients.get']({ id }).then((result) => {
      if (current) setAnswer(result)
    })
    return () => {
      current = false
    }
  }, [desk, id])

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const client = answer?.ok ? answer.value : listed
  const failure = answer && !answer.ok ? answer.error : null
  const back = (): void => stores.route.getState().navigate({ name: 'clients' }, 'list')
  const name = client ? `${client.firstName} ${client.lastName}`.trim() : null

  return (
    <article
      className="page client-page"
      onKeyDown={(event) => {
        if (event.key === 'Escape') back()
      }}
    >
      <button type="button" className="link-button back-link" onClick={back}>
        <span aria-hidden="true">← </span>
        {t('client.back')}
      </button>
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {name ?? (failure ? t('client.loadFailed', { reason: describeError(t, failure) }) : t('client.loading'))}
        </h1>
      </header>
      {failure && client && (
        <p className="notice notice-error" role="alert">
          {t('client.loadFailed', { reason: describeError(t, failure) })}
        </p>
      )}
      {client && (
        <section className="card" aria-label={t('client.details')}>
          <dl className="details">
            <div>
              <dt>{t('client.company')}</dt>
              <dd>{client.companyName || t('client.none')}</dd>
            </div>
            <div>
              <dt>{t('client.email')}</dt>
              <dd>{client.email || t('client.none')}</dd>
            </div>
            <div>
              <dt>{t('client.status')}</dt>
              <dd>
                <span className={`badge badge-${client.status.toLowerCase()}`}>{t(`clients.status.${client.status}`)}</span>
              </dd>
            </div>
            <div>
              <dt>{t('client.since')}</dt>
              <dd>{client.createdOn ? format.day(client.createdOn) : t('client.none')}</dd>
            </div>
            <div>
              <dt>{t('client.portalId')}</dt>
              <dd>{client.id}</dd>
            </div>
          </dl>
        </section>
      )}
      {client && (
        <section className="card" aria-labelledby={contactsHeadingId}>
          <h2 id={contactsHeadingId}>{t('client.contactsHeading')}</h2>
          <p className="placeholder-text">{t('client.contactsSoon')}</p>
        </section>
      )}
    </article>
  )
}
