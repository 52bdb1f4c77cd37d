// Verdicts as reachability.list answers them, for the audit screen's and the home page's tests.
import type { ReachabilityPage } from '../../../../src/shared/contract'
import { RULE_SEVERITY, type Finding } from '../../../../src/shared/reachability'

export type Item = ReachabilityPage['items'][number]

export function verdict(clientId: number, name: string, findings: Finding[], overrides: Partial<Item> = {}): Item {
  const worst = findings[0]?.severity ?? null
  return {
    clientId,
    name,
    status: 'Active',
    severity: worst,
    recipients: [{ email: `financeiro@cliente${clientId}.com.br`, localId: null }],
    findings,
    notChecked: [],
    ...overrides,
  }
}

export const ownDomainOnly = (domain: string): Finding => ({
  rule: 'own_domain_only',
  severity: RULE_SEVERITY.own_domain_only,
  detail: { addresses: [`financeiro@${domain}`], domains: [domain] },
})
export const nobodyOnInvoices: Finding = { rule: 'nobody_on_invoices', severity: RULE_SEVERITY.nobody_on_invoices, detail: {} }
export const typo = (email: string, suggestion: string): Finding => ({
  rule: 'free_mail_typo',
  severity: RULE_SEVERITY.free_mail_typo,
  detail: { typos: [{ localId: null, email, suggestion }] },
})

/** A page of the audit as main answers it. */
export function page(items: Item[], rest: Partial<Omit<ReachabilityPage, 'items'>> = {}): ReachabilityPage {
  return { total: items.length, offset: 0, items, judged: 1000, byRule: {}, checked: 0, oldestCheckAt: null, checkStopped: null, ...rest }
}
