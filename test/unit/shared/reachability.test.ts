// The reachability audit's rules (src/shared/reachability.ts): per rule, the clients at risk found and the safe ones
// left alone; sub-domains, free-mail owners, hosting services' domains; typos against the two fixtures of
// test/fixtures/email; and what stays "not checked yet" until a per-client read.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { freeMailTypo, isFreeMail } from '../../../src/shared/email-domains'
import {
  ClientFacts,
  judge,
  rank,
  REACHABILITY_RULES,
  RULE_SEVERITY,
  Verdict,
  type Finding,
  type ReachabilityRule,
  type ReminderEmail,
} from '../../../src/shared/reachability'
import realProviders from '../../fixtures/email/real-providers.json'
import typoFixture from '../../fixtures/email/free-mail-typos.json'

const REAL_PROVIDERS: readonly string[] = realProviders
const TYPOS: readonly { domain: string; suggestion: string }[] = typoFixture

type Contact = ClientFacts['contacts'][number]
const contact = (email: string, invoice = true, localId = `c-${email}`): Contact => ({ localId, email, invoice })

/** A client that is fine: the owner on its own domain, a second contact on free mail, both receiving invoices. */
function facts(patch: Partial<ClientFacts> = {}): ClientFacts {
  return {
    clientId: 1,
    status: 'Active',
    owner: { email: 'joao@padaria.com.br', invoiceEmails: true },
    overdueNoticesOff: false,
    contacts: [contact('maria.padaria@gmail.com')],
    registeredDomains: ['padaria.com.br'],
    productDomains: [],
    reminders: [],
    ...patch,
  }
}
const owner = (email: string, invoiceEmails: boolean | null = true): ClientFacts['owner'] => ({ email, invoiceEmails })
const rulesOf = (facts: ClientFacts): ReachabilityRule[] => judge(facts).findings.map((finding) => finding.rule)
function findingOf<R extends ReachabilityRule>(facts: ClientFacts, rule: R): Extract<Finding, { rule: R }> | undefined {
  return judge(facts).findings.find((finding): finding is Extract<Finding, { rule: R }> => finding.rule === rule)
}
const reminder = (state: ReminderEmail['state'], to: string[] = ['joao@padaria.com.br'], date = '2026-03-10 09:00:00'): ReminderEmail => ({
  date,
  subject: 'Invoice Payment Reminder',
  to,
  cc: [],
  state,
  failureReason: state === 'failed' ? '550 5.1.1 mailbox unavailable' : null,
})

describe('a safe client', () => {
  it('breaks no rule and leaves nothing unchecked', () => {
    expect(judge(facts())).toEqual({
      clientId: 1,
      status: 'Active',
      severity: null,
      recipients: [
        { email: 'joao@padaria.com.br', localId: null },
        { email: 'maria.padaria@gmail.com', localId: 'c-maria.padaria@gmail.com' },
      ],
      findings: [],
      notChecked: [],
    })
  })
})

describe('severities', () => {
  it('gives each rule its severity, worst first, and the verdict the worst of its findings', () => {
    expect(RULE_SEVERITY).toEqual({
      overdue_notices_off: 'critical',
      nobody_on_invoices: 'critical',
      own_domain_only: 'high',
      reminders_failed: 'high',
      external_contact_invoices_off: 'medium',
      free_mail_typo: 'medium',
    })
    const verdict = judge(
      facts({
        overdueNoticesOff: true,
        owner: owner('joao@padaria.com.br', false),
        contacts: [contact('ana@gmial.com'), contact('bia@outlook.com', false)],
        reminders: [reminder('failed', ['ana@gmial.com'])],
      }),
    )
    expect(verdict.findings.map((finding) => [finding.rule, finding.severity])).toEqual([
      ['overdue_notices_off', 'critical'],
      ['reminders_failed', 'high'],
      ['external_contact_invoices_off', 'medium'],
      ['free_mail_typo', 'medium'],
    ])
    expect(verdict.severity).toBe('critical')
  })
})

describe('overdue_notices_off', () => {
  it('is found whatever the contacts receive: no contact helps then', () => {
    const at = facts({ overdueNoticesOff: true })
    expect(rulesOf(at)).toEqual(['overdue_notices_off'])
    expect(judge(at).severity).toBe('critical')
  })

  it('is not found where the switch is off, and is not checked until it was read', () => {
    expect(rulesOf(facts({ overdueNoticesOff: false }))).toEqual([])
    const unread = judge(facts({ overdueNoticesOff: null }))
    expect(unread.findings).toEqual([])
    expect(unread.notChecked).toEqual(['overdue_notices_off'])
    // The other rules are still judged.
    expect(rulesOf(facts({ overdueNoticesOff: null, owner: owner('joao@padaria.com.br', false), contacts: [] }))).toEqual(['nobody_on_invoices'])
  })
})

describe('nobody_on_invoices', () => {
  it('is found where the owner opted out and no contact receives invoices', () => {
    expect(rulesOf(facts({ owner: owner('joao@padaria.com.br', false), contacts: [] }))).toEqual(['nobody_on_invoices'])
    expect(rulesOf(facts({ owner: owner('joao@padaria.com.br', false), contacts: [contact('financeiro@padaria.com.br', false)] }))).toEqual([
      'nobody_on_invoices',
    ])
    expect(judge(facts({ owner: owner('joao@gmail.com', false), contacts: [] })).recipients).toEqual([])
  })

  it('counts no address mail cannot be sent to', () => {
    const verdict = judge(
      facts({ owner: owner('joao@padaria.com.br', false), contacts: [contact(''), contact('  '), contact('financeiro@'), contact('caixa')] }),
    )
    expect(verdict.findings.map((finding) => finding.rule)).toEqual(['nobody_on_invoices'])
    expect(verdict.recipients).toEqual([])
  })

  it('is not found where the owner or any contact receives invoices', () => {
    expect(rulesOf(facts({ owner: owner('joao@gmail.com', true), contacts: [] }))).toEqual([])
    expect(rulesOf(facts({ owner: owner('joao@gmail.com', false), contacts: [contact('ana@hotmail.com')] }))).toEqual([])
  })

  it('cannot be confirmed while the owner’s preference is not read and no contact receives invoices', () => {
    const gmailOwner = judge(facts({ owner: owner('joao@gmail.com', null), contacts: [contact('ana@hotmail.com', false)] }))
    expect(gmailOwner.findings).toEqual([])
    expect(gmailOwner.notChecked).toEqual(['nobody_on_invoices', 'external_contact_invoices_off'])
    // At risk either way (nobody, or only the own domain), but which is not known yet.
    const ownDomainOwner = judge(facts({ owner: owner('joao@padaria.com.br', null), contacts: [] }))
    expect(ownDomainOwner.findings).toEqual([])
    expect(ownDomainOwner.notChecked).toEqual(['nobody_on_invoices', 'own_domain_only'])
    // A contact receiving settles it.
    expect(judge(facts({ owner: owner('joao@gmail.com', null), contacts: [contact('ana@hotmail.com')] })).notChecked).toEqual([])
  })

  it('is confirmed while the owner’s preference is not read if the owner has no address', () => {
    expect(judge(facts({ owner: owner('', null), contacts: [] }))).toMatchObject({ findings: [{ rule: 'nobody_on_invoices' }], notChecked: [] })
  })
})

describe('own_domain_only', () => {
  it('is found where every recipient is on the client’s own domain, role addresses included', () => {
    const finding = findingOf(facts({ contacts: [contact('financeiro@padaria.com.br'), contact('cobranca@padaria.com.br')] }), 'own_domain_only')
    expect(finding).toEqual({
      rule: 'own_domain_only',
      severity: 'high',
      detail: { addresses: ['joao@padaria.com.br', 'financeiro@padaria.com.br', 'cobranca@padaria.com.br'], domains: ['padaria.com.br'] },
    })
    // The owner's e-mail domain counts even when nothing is registered here.
    expect(rulesOf(facts({ registeredDomains: [], contacts: [] }))).toEqual(['own_domain_only'])
    expect(rulesOf(facts({ owner: owner('JOAO@Padaria.COM.BR'), registeredDomains: [], contacts: [contact('Caixa@padaria.com.br')] }))).toEqual([
      'own_domain_only',
    ])
  })

  it('counts sub-domains of the client’s domains as on them', () => {
    const sub = findingOf(
      facts({ owner: owner('joao@empresa.com.br', false), registeredDomains: [], contacts: [contact('financeiro@cobranca.empresa.com.br')] }),
      'own_domain_only',
    )
    expect(sub?.detail).toEqual({ addresses: ['financeiro@cobranca.empresa.com.br'], domains: ['empresa.com.br'] })
    const registered = facts({
      owner: owner('joao@gmail.com', false),
      registeredDomains: ['empresa.com.br'],
      contacts: [contact('nfe@mail.sp.empresa.com.br')],
    })
    expect(rulesOf(registered)).toEqual(['own_domain_only'])
    // A name that only ends like the domain is another domain.
    expect(
      rulesOf(facts({ owner: owner('joao@gmail.com', false), registeredDomains: ['empresa.com.br'], contacts: [contact('ana@minhaempresa.com.br')] })),
    ).toEqual([])
  })

  it('never takes a free-mail owner’s provider for the client’s own domain', () => {
    expect(judge(facts({ owner: owner('joao@gmail.com'), registeredDomains: [], contacts: [] })).findings).toEqual([])
    expect(rulesOf(facts({ owner: owner('joao@gmail.com'), registeredDomains: [], contacts: [contact('outro@gmail.com')] }))).toEqual([])
    // Its registered domains still count, and the owner on gmail receiving is the way out.
    expect(rulesOf(facts({ owner: owner('joao@gmail.com', false), contacts: [contact('financeiro@padaria.com.br')] }))).toEqual(['own_domain_only'])
    expect(rulesOf(facts({ owner: owner('joao@gmail.com', true), contacts: [contact('financeiro@padaria.com.br')] }))).toEqual([])
    // A free-mail domain on a service or in the registered list is no more the client's own.
    expect(rulesOf(facts({ owner: owner('joao@gmail.com'), registeredDomains: ['gmail.com'], productDomains: ['gmail.com'], contacts: [] }))).toEqual([])
  })

  it('counts the domains of the client’s hosting services, written as staff write them', () => {
    const onService = (productDomains: string[]): ClientFacts =>
      facts({ owner: owner('joao@gmail.com', false), registeredDomains: [], productDomains, contacts: [contact('financeiro@lojadamaria.com.br')] })
    expect(rulesOf(onService([]))).toEqual([])
    for (const written of [
      'lojadamaria.com.br',
      'LojaDaMaria.com.br ',
      'www.lojadamaria.com.br',
      'https://www.lojadamaria.com.br/loja',
      'lojadamaria.com.br.',
    ]) {
      expect(findingOf(onService([written]), 'own_domain_only')?.detail.domains).toEqual(['lojadamaria.com.br'])
    }
    expect(rulesOf(onService(['outraloja.com.br']))).toEqual([])
  })

  it('is not found where a recipient is outside the client’s domains', () => {
    expect(rulesOf(facts())).toEqual([])
    expect(
      rulesOf(
        facts({ owner: owner('joao@padaria.com.br', false), contacts: [contact('financeiro@padaria.com.br'), contact('contador@escritoriocontabil.com.br')] }),
      ),
    ).toEqual([])
  })

  it('is judged both ways while the owner’s preference is not read', () => {
    // The owner is on the own domain too: only the own domain either way.
    const own = judge(facts({ owner: owner('joao@padaria.com.br', null), contacts: [contact('financeiro@padaria.com.br')] }))
    expect(own.findings).toEqual([
      { rule: 'own_domain_only', severity: 'high', detail: { addresses: ['financeiro@padaria.com.br'], domains: ['padaria.com.br'] } },
    ])
    expect(own.notChecked).toEqual([])
    expect(own.recipients).toEqual([{ email: 'financeiro@padaria.com.br', localId: 'c-financeiro@padaria.com.br' }])
    // An owner on gmail receiving would be the way out: not known yet.
    const gmail = judge(facts({ owner: owner('joao@gmail.com', null), contacts: [contact('financeiro@padaria.com.br')] }))
    expect(gmail.findings).toEqual([])
    expect(gmail.notChecked).toEqual(['own_domain_only'])
  })

  it('does not make a typo of the owner’s address the client’s own domain', () => {
    expect(rulesOf(facts({ owner: owner('joao@gmial.com'), registeredDomains: [], contacts: [] }))).toEqual(['free_mail_typo'])
  })
})

describe('external_contact_invoices_off', () => {
  it('is found beside the risk it is the way out of, naming the contacts', () => {
    const own = facts({ contacts: [contact('maria.padaria@gmail.com', false, 'c1'), contact('financeiro@padaria.com.br', false, 'c2')] })
    expect(rulesOf(own)).toEqual(['own_domain_only', 'external_contact_invoices_off'])
    expect(findingOf(own, 'external_contact_invoices_off')).toEqual({
      rule: 'external_contact_invoices_off',
      severity: 'medium',
      detail: { contacts: [{ localId: 'c1', email: 'maria.padaria@gmail.com' }] },
    })
    const nobody = facts({ owner: owner('joao@padaria.com.br', false), contacts: [contact('contador@escritoriocontabil.com.br', false)] })
    expect(rulesOf(nobody)).toEqual(['nobody_on_invoices', 'external_contact_invoices_off'])
  })

  it('is not found where a working outside address already receives invoices', () => {
    expect(rulesOf(facts({ contacts: [contact('maria.padaria@gmail.com'), contact('bia@outlook.com', false)] }))).toEqual([])
    expect(rulesOf(facts({ owner: owner('joao@gmail.com'), contacts: [contact('bia@outlook.com', false)] }))).toEqual([])
  })

  it('is found where the only outside recipient is a typo', () => {
    expect(rulesOf(facts({ contacts: [contact('maria@gmial.com'), contact('bia@outlook.com', false)] }))).toEqual([
      'external_contact_invoices_off',
      'free_mail_typo',
    ])
  })

  it('leaves out contacts on the client’s domains or a sub-domain, and those with a typo', () => {
    for (const email of ['financeiro@padaria.com.br', 'nfe@cobranca.padaria.com.br', 'maria@gmial.com', '']) {
      expect(rulesOf(facts({ contacts: [contact(email, false)] }))).toEqual(['own_domain_only'])
    }
  })

  it('is not checked while an owner on another domain might be receiving', () => {
    const verdict = judge(facts({ owner: owner('joao@gmail.com', null), contacts: [contact('financeiro@padaria.com.br'), contact('bia@outlook.com', false)] }))
    expect(verdict.findings).toEqual([])
    expect(verdict.notChecked).toEqual(['own_domain_only', 'external_contact_invoices_off'])
  })
})

describe('free_mail_typo', () => {
  it('holds fixtures big enough to mean something, that never overlap', () => {
    expect(REAL_PROVIDERS.length).toBeGreaterThanOrEqual(25)
    expect(TYPOS.length).toBeGreaterThanOrEqual(25)
    expect(REAL_PROVIDERS.filter((domain) => domain.endsWith('.br')).length).toBeGreaterThanOrEqual(10)
    expect(new Set(REAL_PROVIDERS).size).toBe(REAL_PROVIDERS.length)
    expect(new Set(TYPOS.map((typo) => typo.domain)).size).toBe(TYPOS.length)
    expect(TYPOS.filter((typo) => REAL_PROVIDERS.includes(typo.domain))).toEqual([])
    expect(TYPOS.filter((typo) => !REAL_PROVIDERS.includes(typo.suggestion))).toEqual([])
  })

  it.each(TYPOS)('flags $domain on a recipient, suggesting $suggestion', ({ domain, suggestion }) => {
    expect(freeMailTypo(domain)).toEqual({ domain, suggestion, certain: true })
    const verdict = judge(facts({ contacts: [contact('maria.padaria@gmail.com'), contact(`ana@${domain}`, true, 'c9')] }))
    expect(verdict.findings).toEqual([
      { rule: 'free_mail_typo', severity: 'medium', detail: { typos: [{ localId: 'c9', email: `ana@${domain}`, suggestion }] } },
    ])
  })

  it.each(REAL_PROVIDERS)('raises no alarm on %s, nor takes it for the client’s own domain', (domain) => {
    expect(isFreeMail(domain)).toBe(true)
    expect(freeMailTypo(domain)?.certain ?? false).toBe(false)
    // As the owner's address, alone: not a typo, not an own domain, reachable.
    expect(judge(facts({ owner: owner(`joao@${domain}`), registeredDomains: [], contacts: [] })).findings).toEqual([])
    // As a contact's, beside an owner on the own domain.
    expect(judge(facts({ contacts: [contact(`Maria.Silva@${domain.toUpperCase()}`)] })).findings).toEqual([])
  })

  it('takes no company domain a letter away from a short provider name, nor the same provider abroad, for a typo', () => {
    for (const domain of ['sol.com.br', 'gol.com.br', 'bel.com.br', 'uol.com.pt', 'yahoo.com.bo', 'terra.com.pr']) {
      expect(rulesOf(facts({ contacts: [contact(`ana@${domain}`)] }))).toEqual([])
    }
  })

  it('flags the owner’s address when the owner receives invoices', () => {
    expect(findingOf(facts({ owner: owner('joao@hotmial.com'), registeredDomains: [] }), 'free_mail_typo')?.detail).toEqual({
      typos: [{ localId: null, email: 'joao@hotmial.com', suggestion: 'hotmail.com' }],
    })
  })

  it('looks only at recipients', () => {
    expect(rulesOf(facts({ owner: owner('joao@hotmial.com', false), registeredDomains: [], contacts: [contact('ana@gmail.com')] }))).toEqual([])
    expect(rulesOf(facts({ contacts: [contact('maria.padaria@gmail.com'), contact('ana@gmial.com', false)] }))).toEqual([])
  })

  it('never flags an address on a domain the client registered', () => {
    expect(rulesOf(facts({ owner: owner('joao@gmial.com'), registeredDomains: ['gmial.com'], contacts: [contact('ana@gmail.com')] }))).toEqual([])
  })

  it('is not checked while the owner’s preference is not read and only the owner’s address has a typo', () => {
    const verdict = judge(facts({ owner: owner('joao@hotmial.com', null), registeredDomains: [], contacts: [contact('ana@gmail.com')] }))
    expect(verdict.findings).toEqual([])
    expect(verdict.notChecked).toEqual(['free_mail_typo'])
    // A contact's typo is found either way, named alone.
    const both = judge(
      facts({ owner: owner('joao@hotmial.com', null), registeredDomains: [], contacts: [contact('ana@gmail.com'), contact('bia@outlok.com', true, 'c2')] }),
    )
    expect(both.findings).toEqual([
      { rule: 'free_mail_typo', severity: 'medium', detail: { typos: [{ localId: 'c2', email: 'bia@outlok.com', suggestion: 'outlook.com' }] } },
    ])
    expect(both.notChecked).toEqual([])
  })
})

describe('reminders_failed', () => {
  it('is found where the latest reminder failed, with the failures since the last one delivered', () => {
    const latest = reminder('failed', ['joao@padaria.com.br'], '2026-03-10 09:00:00')
    const pending = reminder('pending', ['joao@padaria.com.br'], '2026-03-12 09:00:00')
    const older = reminder('failed', ['Joao Silva <JOAO@padaria.com.br>', 'maria.padaria@gmail.com'], '2026-03-03 09:00:00')
    const delivered = reminder('delivered', ['joao@padaria.com.br'], '2026-02-24 09:00:00')
    const before = reminder('failed', ['joao@padaria.com.br'], '2026-02-17 09:00:00')
    const verdict = judge(facts({ reminders: [pending, latest, reminder('unknown'), older, delivered, before] }))
    expect(verdict.findings).toEqual([{ rule: 'reminders_failed', severity: 'high', detail: { failed: [latest, older] } }])
    expect(verdict.severity).toBe('high')
  })

  it('is not found where the latest reminder was delivered, nothing was sent, or the portal does not report delivery', () => {
    expect(rulesOf(facts({ reminders: [reminder('delivered'), reminder('failed'), reminder('failed')] }))).toEqual([])
    expect(rulesOf(facts({ reminders: [] }))).toEqual([])
    const unreported = judge(facts({ reminders: [reminder('unknown'), reminder('unknown')] }))
    expect(unreported.findings).toEqual([])
    expect(unreported.notChecked).toEqual([])
  })

  it('leaves out failures to addresses that no longer receive invoices, not those to addresses the log does not name', () => {
    // Fixed since: the typo that bounced is no recipient any more.
    expect(rulesOf(facts({ reminders: [reminder('failed', ['ana@gmial.com'])] }))).toEqual([])
    // The owner opted out since.
    expect(rulesOf(facts({ owner: owner('joao@padaria.com.br', false), contacts: [contact('ana@gmail.com')], reminders: [reminder('failed')] }))).toEqual([])
    expect(rulesOf(facts({ reminders: [reminder('failed', [])] }))).toEqual(['reminders_failed'])
    expect(rulesOf(facts({ reminders: [reminder('failed', ['Maria <Maria.Padaria@gmail.com>'])] }))).toEqual(['reminders_failed'])
    // A current recipient in cc counts as one in to.
    expect(rulesOf(facts({ reminders: [{ ...reminder('failed', ['ana@gmial.com']), cc: ['maria.padaria@gmail.com'] }] }))).toEqual(['reminders_failed'])
    // The owner's preference not read: the owner may still receive them.
    expect(rulesOf(facts({ owner: owner('joao@padaria.com.br', null), reminders: [reminder('failed')] }))).toEqual(['reminders_failed'])
  })

  it('is not checked until the e-mail log was read', () => {
    expect(judge(facts({ reminders: null })).notChecked).toEqual(['reminders_failed'])
  })
})

describe('not checked yet', () => {
  it('names every rule a client never opened depends on, and finds what it can', () => {
    const unopened = { overdueNoticesOff: null, reminders: null, contacts: [contact('financeiro@padaria.com.br'), contact('bia@outlook.com', false)] }
    const gmail = judge(facts({ ...unopened, owner: owner('joao@gmail.com', null) }))
    expect(gmail.findings).toEqual([])
    expect(gmail.notChecked).toEqual(['overdue_notices_off', 'own_domain_only', 'external_contact_invoices_off', 'reminders_failed'])
    expect(gmail.recipients).toEqual([{ email: 'financeiro@padaria.com.br', localId: 'c-financeiro@padaria.com.br' }])
    // An owner on the own domain decides nothing here: only the own domain either way, and no way out.
    const own = judge(facts({ ...unopened, owner: owner('joao@padaria.com.br', null) }))
    expect(own.findings.map((finding) => finding.rule)).toEqual(['own_domain_only', 'external_contact_invoices_off'])
    expect(own.notChecked).toEqual(['overdue_notices_off', 'reminders_failed'])
  })

  // The owner-dependent rules, asked of random clients: a finding holds whichever way the owner's preference turns
  // out, and a rule not checked is broken one way only.
  it('finds only what holds either way the owner’s preference turns out', () => {
    const email = fc.constantFrom(
      'joao@padaria.com.br',
      'financeiro@cobranca.padaria.com.br',
      'ana@gmail.com',
      'bia@hotmail.com.br',
      'caio@gmial.com',
      'nfe@lojadamaria.com.br',
      'contador@escritorio.com.br',
      '',
    )
    const client = fc.record({
      owner: email,
      contacts: fc.array(fc.record({ email, invoice: fc.boolean() }), { maxLength: 5 }),
      registered: fc.subarray(['padaria.com.br', 'escritorio.com.br']),
      products: fc.subarray(['www.lojadamaria.com.br']),
    })
    fc.assert(
      fc.property(client, ({ owner: ownerEmail, contacts, registered, products }) => {
        const base = facts({
          owner: owner(ownerEmail, null),
          contacts: contacts.map((c, index) => contact(c.email, c.invoice, `c${index}`)),
          registeredDomains: registered,
          productDomains: products,
        })
        const unknown = judge(base)
        const on = new Set(rulesOf({ ...base, owner: owner(ownerEmail, true) }))
        const off = new Set(rulesOf({ ...base, owner: owner(ownerEmail, false) }))
        for (const rule of REACHABILITY_RULES) {
          const found = unknown.findings.some((finding) => finding.rule === rule)
          const notChecked = unknown.notChecked.includes(rule)
          expect(found).toBe(on.has(rule) && off.has(rule))
          expect(notChecked).toBe(on.has(rule) !== off.has(rule))
        }
        expect(Verdict.parse(unknown)).toEqual(unknown)
      }),
    )
  })
})

describe('rank', () => {
  it('orders by severity, then Active before Inactive before Closed, then by client id; clean clients last', () => {
    const verdicts = [
      judge(facts({ clientId: 9 })),
      judge(facts({ clientId: 5, status: 'Closed', overdueNoticesOff: true })),
      judge(facts({ clientId: 7, contacts: [] })),
      judge(facts({ clientId: 3, status: 'Inactive', overdueNoticesOff: true })),
      judge(facts({ clientId: 8, overdueNoticesOff: true })),
      judge(facts({ clientId: 2, overdueNoticesOff: true })),
      judge(facts({ clientId: 4, status: 'Inactive', contacts: [] })),
      judge(facts({ clientId: 1, status: 'Closed' })),
      judge(facts({ clientId: 6, contacts: [contact('maria.padaria@gmail.com'), contact('ana@gmial.com')] })),
    ]
    expect(verdicts.sort(rank).map((verdict) => [verdict.clientId, verdict.severity, verdict.status])).toEqual([
      [2, 'critical', 'Active'],
      [8, 'critical', 'Active'],
      [3, 'critical', 'Inactive'],
      [5, 'critical', 'Closed'],
      [7, 'high', 'Active'],
      [4, 'high', 'Inactive'],
      [6, 'medium', 'Active'],
      [9, null, 'Active'],
      [1, null, 'Closed'],
    ])
  })
})

describe('the contract', () => {
  it('validates what crosses it: the facts in, the verdict out', () => {
    const at = facts({
      overdueNoticesOff: true,
      owner: owner('joao@padaria.com.br', false),
      contacts: [contact('ana@gmial.com'), contact('bia@outlook.com', false)],
      reminders: [reminder('failed', ['ana@gmial.com'])],
    })
    expect(ClientFacts.parse(at)).toEqual(at)
    const verdict = judge(at)
    expect(Verdict.parse(verdict)).toEqual(verdict)
    expect(() => Verdict.parse({ ...verdict, findings: [{ rule: 'own_domain_only', severity: 'high', detail: {} }] })).toThrow()
    expect(() => ClientFacts.parse({ ...at, reminders: [{ ...reminder('failed'), state: 'bounced' }] })).toThrow()
  })

  it('judges a client with thousands of contacts and domains, each address matched to its own domain', () => {
    const domains = Array.from({ length: 5000 }, (_, index) => `cliente${index}.com.br`)
    const contacts = domains.map((domain, index) => contact(`financeiro@nfe.${domain}`, true, `c${index}`))
    const verdict = judge(
      facts({ owner: owner('joao@gmail.com', false), registeredDomains: domains.slice(0, 2500), productDomains: domains.slice(2500), contacts }),
    )
    expect(verdict.findings.map((finding) => finding.rule)).toEqual(['own_domain_only'])
    expect(
      findingOf(facts({ owner: owner('joao@gmail.com', false), registeredDomains: domains, contacts: contacts.slice(0, 3) }), 'own_domain_only')?.detail
        .domains,
    ).toEqual(domains.slice(0, 3))
  })
})
