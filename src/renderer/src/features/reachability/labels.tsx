// How the audit's rules and severities read for staff, in the screen's language (never a rule id).
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { RULE_SEVERITY, type ReachabilityRule } from '../../../../shared/reachability'
import './reachability.css'

/** A rule as a badge coloured by its severity, the severity also in words (colour is not the only cue). */
export function RuleBadge({ rule }: { rule: ReachabilityRule }): ReactNode {
  const { t } = useTranslation()
  const severity = RULE_SEVERITY[rule]
  return (
    <span className={`badge risk-badge risk-${severity}`}>
      <span className="risk-severity">{t(`reachability.severity.${severity}`)}:</span> {t(`reachability.rules.${rule}`)}
    </span>
  )
}
