// Connect a portal: test it, connect it, or start the built-in demo portal; the answer in plain words.
import { useId, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { AppStatus, ConnectInput, ConnectResult } from '../../../../shared/contract'
import type { GenerationChoice, PortalInfo } from '../../../../shared/domain'
import { hostOf, portalName } from '../../app/portalName'
import { Field, TextField } from '../../forms/Field'
import { describeError, fieldErrors } from '../../i18n/describeError'
import { useDesk, useStatus, useStores } from '../../store'
import { useRequest, type RequestState } from '../../store/useRequest'

type Attempt = 'test' | 'connect' | 'demo'
type Fields = Required<Pick<ConnectInput, 'url' | 'identifier' | 'secret' | 'generation'>>

export function PortalSection(): ReactNode {
  const { t } = useTranslation()
  const headingId = useId()
  const status = useStatus((state) => state.status)
  const portal = status?.portal ?? null
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('settings.portal.heading')}</h2>
      {status !== null && (
        <p className="portal-current">
          {portal === null
            ? t('settings.portal.none')
            : portal.demo
              ? t('settings.portal.currentDemo', { portal: portalName(t, portal) })
              : t('settings.portal.current', { host: hostOf(portal.apiUrl), portal: portalName(t, portal) })}
        </p>
      )}
      {portal !== null && status?.secretAvailable === false && <UnlockForm portal={portal} />}
      <ConnectPanel portal={portal} />
    </section>
  )
}

function ConnectPanel({ portal }: { portal: PortalInfo | null }): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const stores = useStores()
  const [edits, setEdits] = useState<Partial<Fields>>({})
  const [request, run] = useRequest<Attempt, ConnectResult>()
  const pending = request.state === 'pending'
  // Edits waiting for the current portal stay in its own cache when another is connected (docs/ARCHITECTURE.md §6.1): say so.
  const waiting = useStatus((state) => (state.status ? Object.values(state.status.outbox).reduce((sum, count) => sum + count, 0) : 0))

  // The connected portal's address and identifier are offered again; the secret never is.
  const known = portal !== null && !portal.demo ? portal : null
  const fields: Fields = {
    url: edits.url ?? known?.apiUrl ?? '',
    identifier: edits.identifier ?? known?.identifier ?? '',
    secret: edits.secret ?? '',
    generation: edits.generation ?? 'auto',
  }
  const edit = (patch: Partial<Fields>): void => setEdits((current) => ({ ...current, ...patch }))
  const errors = request.state === 'done' && !request.result.ok && request.kind !== 'demo' ? fieldErrors(t, request.result.error) : {}

  async function attempt(kind: Attempt): Promise<void> {
    if (pending) return
    const result = await run(kind, () => {
      if (kind === 'demo') return desk.api['portal.connectDemo']({})
      return desk.api[kind === 'test' ? 'portal.test' : 'portal.connect']({ ...fields })
    })
    if (!result?.ok || kind === 'test') return
    setEdits({})
    const status = stores.status.getState()
    await status.refresh()
    void status.runSync()
  }

  return (
    <>
      <p className="section-intro">{t('settings.portal.intro')}</p>
      {portal !== null && waiting > 0 && (
        <p className="notice notice-warning">{t('settings.portal.switchWaiting', { count: waiting, portal: portalName(t, portal) })}</p>
      )}
      <div className="portal-grid">
        <form
          className="connect-form"
          aria-label={t('settings.portal.formLabel')}
          noValidate
          onSubmit={(event) => {
            event.preventDefault()
            void attempt('connect')
          }}
        >
          <TextField
            label={t('settings.portal.url')}
            hint={t('settings.portal.urlHint')}
            error={errors.url}
            value={fields.url}
            onChange={(value) => edit({ url: value })}
            input={{ type: 'url', inputMode: 'url', autoComplete: 'url', spellCheck: false, 'aria-required': 'true' }}
          />
          <TextField
            label={t('settings.portal.identifier')}
            error={errors.identifier}
            value={fields.identifier}
            onChange={(value) => edit({ identifier: value })}
            input={{ type: 'text', autoComplete: 'username', spellCheck: false, 'aria-required': 'true' }}
          />
          <TextField
            label={t('settings.portal.secret')}
            error={errors.secret}
            value={fields.secret}
            onChange={(value) => edit({ secret: value })}
            input={{ type: 'password', autoComplete: 'current-password', 'aria-required': 'true' }}
          />
          <Field label={t('settings.portal.generation')} error={errors.generation}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={fields.generation}
                onChange={(event) => edit({ generation: event.target.value as GenerationChoice })}
              >
                <option value="auto">{t('settings.portal.generationAuto')}</option>
                <option value="7">{t('settings.portal.generation7')}</option>
                <option value="8">{t('settings.portal.generation8')}</option>
              </select>
            )}
          </Field>
          <div className="form-actions">
            <button type="button" className="button" aria-disabled={pending} onClick={() => void attempt('test')}>
              {t('settings.portal.test')}
            </button>
            <button type="submit" className="button button-primary" aria-disabled={pending}>
              {t('settings.portal.connect')}
            </button>
          </div>
        </form>
        <div className="demo-card">
          <h3>{t('settings.portal.demoHeading')}</h3>
          <p>{t('settings.portal.demoText')}</p>
          <button type="button" className="button" aria-disabled={pending} onClick={() => void attempt('demo')}>
            {t('settings.portal.demo')}
          </button>
        </div>
      </div>
      <AttemptOutcome request={request} onViewClients={() => stores.route.getState().navigate({ name: 'clients' })} />
    </>
  )
}

/** The portal is set up but its secret is not kept on this machine: ask for it for this session. */
function UnlockForm({ portal }: { portal: PortalInfo }): ReactNode {
  const { t } = useTranslation()
  const desk = useDesk()
  const stores = useStores()
  const [secret, setSecret] = useState('')
  const [request, run] = useRequest<'unlock', AppStatus>()
  const failure = request.state === 'done' && !request.result.ok ? request.result.error : null
  const errors = fieldErrors(t, failure)
  return (
    <form
      className="notice notice-warning unlock-form"
      aria-label={t('settings.portal.unlockLabel')}
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        if (request.state === 'pending') return
        void run('unlock', () => desk.api['portal.unlock']({ secret })).then((result) => {
          if (!result?.ok) return
          setSecret('')
          stores.status.getState().receive(result.value)
          void stores.status.getState().runSync()
        })
      }}
    >
      <p>{t('settings.portal.secretRequired')}</p>
      <div className="unlock-row">
        <TextField
          label={t('settings.portal.unlockSecret', { host: hostOf(portal.apiUrl) })}
          error={errors.secret}
          value={secret}
          onChange={setSecret}
          input={{ type: 'password', autoComplete: 'current-password', 'aria-required': 'true' }}
        />
        <button type="submit" className="button button-primary" aria-disabled={request.state === 'pending'}>
          {t('settings.portal.unlock')}
        </button>
      </div>
      <p aria-live="polite">{request.state === 'pending' && t('settings.portal.unlocking')}</p>
      {failure && !errors.secret && <p role="alert">{describeError(t, failure)}</p>}
    </form>
  )
}

function AttemptOutcome({ request, onViewClients }: { request: RequestState<Attempt, ConnectResult>; onViewClients: () => void }): ReactNode {
  const { t } = useTranslation()
  const failure = request.state === 'done' && !request.result.ok ? request.result.error : null
  return (
    <>
      <div className="attempt-outcome" aria-live="polite">
        {request.state === 'pending' && <p className="notice">{pendingText(t, request.kind)}</p>}
        {request.state === 'done' && request.result.ok && (
          <div className="notice notice-success">
            <p className="notice-title">{successText(t, request.kind, request.result.value)}</p>
            {!request.result.value.secretStored && request.kind === 'connect' && <p>{t('settings.portal.secretNotStored')}</p>}
            {request.result.value.warnings.map((warning) => (
              <p key={warning}>{t('settings.portal.warning', { warning })}</p>
            ))}
            {request.kind !== 'test' && (
              <button type="button" className="button button-small" onClick={onViewClients}>
                {t('settings.portal.viewClients')}
              </button>
            )}
          </div>
        )}
      </div>
      {failure && (
        <div className="notice notice-error" role="alert">
          {failure.code === 'validation' && failure.issues?.length ? t('settings.portal.checkFields') : describeError(t, failure)}
        </div>
      )}
    </>
  )
}

function pendingText(t: TFunction, kind: Attempt): string {
  if (kind === 'test') return t('settings.portal.testing')
  if (kind === 'demo') return t('settings.portal.startingDemo')
  return t('settings.portal.connecting')
}

function successText(t: TFunction, kind: Attempt, value: ConnectResult): string {
  const portal = portalName(t, value.portal)
  const clients = t('count.clients', { count: value.clientCount })
  return kind === 'test' ? t('settings.portal.testOk', { portal, clients }) : t('settings.portal.connected', { portal, clients })
}
