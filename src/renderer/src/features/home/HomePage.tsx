// Where staff land once connected: the clients at risk by rule (each opens the audit filtered by it), how many
// clients the audit has judged, the edits waiting in the outbox and the open conflicts, each a way to its screen.
import { useEffect, useId, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { REACHABILITY_RULES } from '../../../../shared/reachability'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useStatus, useStores } from '../../store'
import type { Route } from '../../store/route'
import { waitingEdits } from '../../store/status'
import { RuleBadge } from '../reachability/labels'
import { useReachabilityPage } from '../reachability/useReachabilityPage'
import './home.css'

export function HomePage(): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const stores = useStores()
  const ids = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const status = useStatus((state) => state.status)
  // Only the counts: the total at risk and byRule come with any page.
  const { page, error } = useReachabilityPage({ offset: 0, limit: 1 })
  const go = (route: Route): void => stores.route.getState().navigate(route)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const outbox = status?.outbox
  const waiting = outbox ? waitingEdits(outbox) : 0
  const conflicts = status?.conflicts ?? 0

  return (
    <div className="page home-page">
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('home.heading')}
        </h1>
      </header>
      {error && (
        <p className="notice notice-error" role="alert">
          {describeError(t, error)}
        </p>
      )}
      <div className="home-cards">
        <section className="card home-risk" aria-labelledby={`${ids}-risk`}>
          <h2 id={`${ids}-risk`}>{t('home.risk.heading')}</h2>
          {page === null ? (
            !error && <p className="muted">{t('app.loading')}</p>
          ) : (
            <>
              <p className="home-figure">{t('home.risk.total', { count: page.total })}</p>
              <ul className="home-rules">
                {REACHABILITY_RULES.map((rule) => {
                  const count = page.byRule[rule] ?? 0
                  return (
                    <li key={rule}>
                      {count > 0 ? (
                        <button type="button" className="link-button home-rule" onClick={() => go({ name: 'reachability', rule })}>
                          <RuleBadge rule={rule} /> <span className="home-rule-count">{format.number(count)}</span>
                        </button>
                      ) : (
                        <span className="home-rule home-rule-none">
                          <RuleBadge rule={rule} /> <span className="home-rule-count">{format.number(0)}</span>
                        </span>
                      )}
                    </li>
                  )
                })}
              </ul>
              <button type="button" className="button" onClick={() => go({ name: 'reachability' })}>
                {t('home.risk.all')}
              </button>
            </>
          )}
        </section>

        <section className="card" aria-labelledby={`${ids}-judged`}>
          <h2 id={`${ids}-judged`}>{t('home.judged.heading')}</h2>
          {page && status && (
            <dl className="home-facts">
              <dt>{t('home.judged.judged')}</dt>
              <dd>{t('home.judged.ofClients', { judged: format.number(page.judged), count: status.clientCount })}</dd>
              <dt>{t('home.judged.checked')}</dt>
              <dd>
                {t('home.judged.ofClients', { judged: format.number(page.checked), count: status.clientCount })}
                {page.oldestCheckAt && ` ${t('home.judged.oldest', { date: format.date(page.oldestCheckAt) })}`}
              </dd>
            </dl>
          )}
          {page?.checkStopped && (
            <p className="notice notice-warning">
              {t('home.judged.stopped', { action: page.checkStopped.action, reason: describeError(t, page.checkStopped.error) })}
            </p>
          )}
          <p className="muted">{t('home.judged.notChecked')}</p>
        </section>

        <section className="card" aria-labelledby={`${ids}-outbox`}>
          <h2 id={`${ids}-outbox`}>{t('home.outbox.heading')}</h2>
          <p className="home-figure">{t('home.outbox.waiting', { count: waiting })}</p>
          {outbox && waiting > 0 && (
            <p className="muted">
              {t('home.outbox.detail', {
                pending: format.number(outbox.pending),
                failed: format.number(outbox.failed),
                rejected: format.number(outbox.rejected),
                held: format.number(outbox.held),
              })}
            </p>
          )}
          <button type="button" className="button" aria-describedby={`${ids}-outbox`} onClick={() => go({ name: 'sync' })}>
            {t('home.outbox.open')}
          </button>
        </section>

        <section className="card" aria-labelledby={`${ids}-conflicts`}>
          <h2 id={`${ids}-conflicts`}>{t('home.conflicts.heading')}</h2>
          <p className="home-figure">{t('home.conflicts.open', { count: conflicts })}</p>
          <button type="button" className="button" aria-describedby={`${ids}-conflicts`} onClick={() => go({ name: 'conflicts' })}>
            {t('home.conflicts.review')}
          </button>
        </section>
      </div>
    </div>
  )
}
