// What the running sync is doing, in words: its step among a pass's steps, the records so far, and an estimate
// of what is left of that step (from the rate so far). The status bar and the Sync screen say the same.
import type { TFunction } from 'i18next'
import type { Generation, SyncPhase, SyncProgress } from '../../../../shared/domain'
import type { Format } from '../../i18n/format'

/** The steps of a whole pass, in order; 7.x has no users to download. */
function stepsOf(generation: Generation | null): SyncPhase[] {
  return generation === '7' ? ['clients', 'contacts', 'domains', 'products', 'pushing'] : ['clients', 'users', 'contacts', 'domains', 'products', 'pushing']
}

export interface ProgressText {
  phase: string
  /** "Step 2 of 5", or null outside a pass's steps (connecting, saving…). */
  step: string | null
  count: string
  /** "about 3 min left", or null while nothing tells yet. */
  eta: string | null
  /** 0…1 of this step, or null while its total is not known. */
  share: number | null
}

export function progressText(t: TFunction, format: Format, progress: SyncProgress | null, generation: Generation | null): ProgressText {
  const phase = progress?.phase ?? 'connecting'
  const done = progress?.done ?? 0
  const total = progress?.total ?? null
  const steps = stepsOf(generation)
  const index = steps.indexOf(phase)
  const left = total !== null && progress && progress.rate > 0 ? Math.max(0, total - done) / progress.rate : null
  return {
    phase: t(`status.phase.${phase}`),
    step: index < 0 ? null : t('status.step', { step: index + 1, steps: steps.length }),
    count:
      total === null
        ? t('status.progressDone', { done: format.number(done) })
        : t('status.progressCount', { done: format.number(done), total: format.number(total) }),
    eta: left === null || done === 0 || left === 0 ? null : left < 60 ? t('status.etaSoon') : t('status.etaMinutes', { count: Math.round(left / 60) }),
    share: total ? Math.min(1, done / total) : null,
  }
}
