// The reachability audit (issue 15): the clients whose payment reminders may reach no one, worst first as the core
// ranks them (severity, then Active before the others), filtered by a rule and a client status, a page at a time
// (the audit can hold 100,000 clients); each client opens as from the client list; the filter's rows export to CSV.
import { useEffect, useId, useRef, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { DeskApi, ReachabilityPage as Page } from '../../../../shared/contract'
import { csvText, SPREADSHEET_CSV } from '../../../../shared/csv'
import { ClientStatus } from '../../../../shared/domain'
import { DeskFailure, failureOf, type DeskError } from '../../../../shared/errors'
import { MAX_PAGE, withTheRest } from '../../../../shared/paging'
import { REACHABILITY_RULES, type Finding, type ReachabilityRule } from '../../../../shared/reachability'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useDesk, useStores } from '../../store'
import type { ReachabilityRoute } from '../../store/route'
import { downloadCsv } from '../../ui/download'
import { Table } from '../../ui/Table'
import { turnInvoicesOn } from './fixes'
import { RuleBadge } from './labels'
import { useReachabilityPage } from './useReachabilityPage'
import './reachability.css'

const PAGE_SIZE = 50

type Item = Page['items'][number]

export function ReachabilityPage({ route }: { route: ReachabilityRoute }): ReactNode {
  const { rule, status, page: pageIndex = 0 } = route
  const { t } = useTranslation()
  const format = useFormat()
  const desk = useDesk()
  const stores = useStores()
  const ids = useId()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const { page, error } = useReachabilityPage({ rule, status, offset: pageIndex * PAGE_SIZE, limit: PAGE_SIZE })
  const [exporting, setExporting] = useState(false)
  const [exportError, setExportError] = useState<DeskError | null>(null)
  const [fixing, setFixing] = useState(false)
  const [fixError, setFixError] = useState<DeskError | null>(null)

  useEffect(() => {
    headingRef.current?.focus()
  }, [])

  const show = (next: { rule?: ReachabilityRule; status?: ClientStatus; page?: number }): void =>
    stores.route.getState().navigate({
      name: 'reachability',
      ...(next.rule ? { rule: next.rule } : {}),
      ...(next.status ? { status: next.status } : {}),
      ...(next.page ? { page: next.page } : {}),
    })
  const pages = page ? Math.max(1, Math.ceil(page.total / PAGE_SIZE)) : 1
  const shownError = error ?? exportError ?? fixError

  /** Runs one fix at a time; the list comes again by itself once the edit is queued (useReachabilityPage). */
  async function fix(run: (api: DeskApi) => Promise<void>): Promise<void> {
    if (fixing) return
    setFixing(true)
    setFixError(null)
    try {
      await run(desk.api)
    } catch (failure) {
      setFixError(failure instanceof DeskFailure ? failure.toError() : { code: 'internal', message: String(failure) })
    } finally {
      setFixing(false)
    }
  }

  async function exportRows(): Promise<void> {
    if (exporting || !page || page.total === 0) return
    setExporting(true)
    setExportError(null)
    const pageOf = async (offset: number, limit: number): Promise<Page> => {
      const result = await desk.api['reachability.list']({ rule, status, offset, limit })
      if (!result.ok) throw failureOf(result.error)
      return result.value
    }
    try {
      const items = await withTheRest(await pageOf(0, MAX_PAGE), Number.POSITIVE_INFINITY, pageOf)
      downloadCsv(t('reachability.fileName'), toCsv(t, items))
    } catch (failure) {
      setExportError(failure instanceof DeskFailure ? failure.toError() : { code: 'internal', message: String(failure) })
    } finally {
      setExporting(false)
    }
  }

  return (
    <div className="page reachability-page">
      <header className="page-header">
        <h1 ref={headingRef} tabIndex={-1}>
          {t('reachability.heading')}
        </h1>
        <p className="page-subtitle">{t('reachability.intro')}</p>
      </header>

      <div className="toolbar reachability-filters">
        <label className="field" htmlFor={`${ids}-rule`}>
          <span className="field-label">{t('reachability.filters.rule')}</span>
          <select id={`${ids}-rule`} className="input" value={rule ?? ''} onChange={(event) => show({ rule: ruleOf(event.target.value), status })}>
            <option value="">{t('reachability.filters.anyRule')}</option>
            {REACHABILITY_RULES.map((each) => (
              <option key={each} value={each}>
                {t(`reachability.rules.${each}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field" htmlFor={`${ids}-status`}>
          <span className="field-label">{t('reachability.filters.status')}</span>
          <select id={`${ids}-status`} className="input" value={status ?? ''} onChange={(event) => show({ rule, status: statusOf(event.target.value) })}>
            <option value="">{t('reachability.filters.anyStatus')}</option>
            {ClientStatus.options.map((each) => (
              <option key={each} value={each}>
                {t(`clients.status.${each}`)}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" aria-disabled={exporting || !page || page.total === 0} onClick={() => void exportRows()}>
          {exporting ? t('reachability.exporting') : t('reachability.export')}
        </button>
      </div>

      {shownError && (
        <p className="notice notice-error" role="alert">
          {describeError(t, shownError)}
        </p>
      )}

      {page === null ? (
        !error && <p className="muted">{t('app.loading')}</p>
      ) : (
        <>
          <section className="reachability-summary" aria-label={t('reachability.summaryLabel')}>
            <p aria-live="polite">{t('reachability.atRisk', { count: page.total, judged: format.number(page.judged) })}</p>
            <ul className="rule-counts">
              {REACHABILITY_RULES.map((each) => (
                <li key={each}>
                  <RuleBadge rule={each} /> <span className="rule-count">{format.number(page.byRule[each] ?? 0)}</span>
                </li>
              ))}
            </ul>
          </section>
          {page.total === 0 ? (
            <p className="notice">{t(rule || status ? 'reachability.emptyFiltered' : 'reachability.empty')}</p>
          ) : (
            <>
              <Table
                caption={t('reachability.caption')}
                className="reachability-table"
                columns={[
                  t('reachability.columns.client'),
                  t('reachability.columns.rules'),
                  t('reachability.columns.recipients'),
                  t('reachability.columns.status'),
                ]}
              >
                {page.items.map((item) => (
                  <Row
                    key={item.clientId}
                    item={item}
                    busy={fixing}
                    onOpen={() => stores.route.getState().navigate({ name: 'client', id: item.clientId, back: route })}
                    onFix={(run) => void fix(run)}
                  />
                ))}
              </Table>
              <nav className="toolbar pager" aria-label={t('reachability.pager')}>
                <button
                  type="button"
                  className="button button-small"
                  aria-disabled={pageIndex === 0}
                  onClick={() => show({ rule, status, page: Math.max(0, pageIndex - 1) })}
                >
                  {t('reachability.previous')}
                </button>
                <span>{t('reachability.pageOf', { page: format.number(pageIndex + 1), pages: format.number(pages) })}</span>
                <button
                  type="button"
                  className="button button-small"
                  aria-disabled={pageIndex + 1 >= pages}
                  onClick={() => show({ rule, status, page: Math.min(pages - 1, pageIndex + 1) })}
                >
                  {t('reachability.next')}
                </button>
              </nav>
            </>
          )}
        </>
      )}
    </div>
  )
}

interface RowProps {
  item: Item
  busy: boolean
  onOpen: () => void
  onFix: (run: (api: DeskApi) => Promise<void>) => void
}

function Row({ item, busy, onOpen, onFix }: RowProps): ReactNode {
  const { t } = useTranslation()
  return (
    <tr>
      <td>
        <button type="button" className="link-button" onClick={onOpen}>
          {nameOf(item)}
        </button>
      </td>
      <td>
        <ul className="finding-list">
          {item.findings.map((finding) => {
            const detail = detailOf(t, finding)
            return (
              <li key={finding.rule}>
                <RuleBadge rule={finding.rule} />
                {detail && <span className="finding-detail"> {detail}</span>}
                {finding.rule === 'external_contact_invoices_off' &&
                  finding.detail.contacts.map((contact) => (
                    <button
                      key={contact.localId}
                      type="button"
                      className="button button-small finding-fix"
                      aria-disabled={busy}
                      onClick={() => !busy && onFix((api) => turnInvoicesOn(api, item.clientId, contact.localId))}
                    >
                      {t('reachability.fix.invoicesOn', { email: contact.email })}
                    </button>
                  ))}
              </li>
            )
          })}
        </ul>
        {item.notChecked.length > 0 && <p className="muted not-checked">{notCheckedText(t, item)}</p>}
      </td>
      <td>
        {item.recipients.length === 0 ? (
          <span className="muted">{t('reachability.nobody')}</span>
        ) : (
          <ul className="recipient-list">
            {item.recipients.map((recipient) => (
              <li key={recipient.email} className="cell-email">
                {recipient.email}
              </li>
            ))}
          </ul>
        )}
      </td>
      <td>
        <span className={`badge badge-${item.status.toLowerCase()}`}>{t(`clients.status.${item.status}`)}</span>
      </td>
    </tr>
  )
}

const nameOf = (item: Item): string => item.name || `#${item.clientId}`
const ruleOf = (value: string): ReachabilityRule | undefined => REACHABILITY_RULES.find((each) => each === value)
const statusOf = (value: string): ClientStatus | undefined => ClientStatus.options.find((each) => each === value)
const rulesText = (t: TFunction, rules: readonly ReachabilityRule[]): string => rules.map((rule) => t(`reachability.rules.${rule}`)).join('; ')
const notCheckedText = (t: TFunction, item: Item): string => t('reachability.notChecked', { rules: rulesText(t, item.notChecked) })

/** What a finding is about, where it names addresses or domains staff will want to see. */
function detailOf(t: TFunction, finding: Finding): string | null {
  switch (finding.rule) {
    case 'own_domain_only':
      return t('reachability.detail.ownDomain', { domains: finding.detail.domains.join(', ') })
    case 'external_contact_invoices_off':
      return t('reachability.detail.contacts', { emails: finding.detail.contacts.map((contact) => contact.email).join(', ') })
    case 'free_mail_typo':
      return finding.detail.typos.map((typo) => t('reachability.detail.typo', { email: typo.email, suggestion: typo.suggestion })).join('; ')
    case 'reminders_failed':
      return t('reachability.detail.failed', { count: finding.detail.failed.length })
    default:
      return null
  }
}

function toCsv(t: TFunction, items: readonly Item[]): string {
  const header = [
    t('reachability.csv.id'),
    t('reachability.columns.client'),
    t('reachability.columns.status'),
    t('reachability.csv.severity'),
    t('reachability.columns.rules'),
    t('reachability.columns.recipients'),
    t('reachability.csv.notChecked'),
  ]
  const rows = items.map((item) => [
    String(item.clientId),
    nameOf(item),
    t(`clients.status.${item.status}`),
    item.severity ? t(`reachability.severity.${item.severity}`) : '',
    rulesText(
      t,
      item.findings.map((finding) => finding.rule),
    ),
    item.recipients.map((recipient) => recipient.email).join(' '),
    rulesText(t, item.notChecked),
  ])
  return csvText([header, ...rows], SPREADSHEET_CSV)
}
