// 8.x: the logins a whole e-mail address names on clients where that address is no contact (someone the
// customer invited themselves). They are ticked like contacts; a preset or a revocation reaches them too.
import type { ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { LoginHit } from '../../../../shared/contract'
import type { Access } from '../../../../shared/domain'
import { describeAccess, type NamedPreset } from '../access/labels'
import { SyncBadgeView } from '../clients/WhoGetsWhat'

/** What a login has on its client, as far as it is known (null: its permissions were never read). */
export function loginAccess(login: LoginHit): Access | null {
  if (login.removing) return { enabled: false, permissions: [] }
  return login.permissions === null ? null : { enabled: true, permissions: login.permissions }
}

export const loginKeyOf = (login: Pick<LoginHit, 'clientId' | 'userId'>): string => `${login.clientId}:${login.userId}`

interface Props {
  logins: readonly LoginHit[]
  chosen: ReadonlyMap<string, LoginHit>
  presets: NamedPreset[]
  onChoose: (logins: readonly LoginHit[], on: boolean) => void
}

export function LoginHits({ logins, chosen, presets, onChoose }: Props): ReactNode {
  const { t } = useTranslation()
  const ticked = logins.filter((login) => chosen.has(loginKeyOf(login))).length
  return (
    <div className="table-wrap bulk-logins">
      <p>{t('bulk.logins.intro', { count: logins.length })}</p>
      <table className="table">
        <caption className="sr-only">{t('bulk.logins.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">
              <input
                type="checkbox"
                aria-label={t('bulk.logins.selectAll', { count: logins.length })}
                checked={ticked === logins.length}
                ref={(element) => {
                  if (element) element.indeterminate = ticked > 0 && ticked < logins.length
                }}
                onChange={(event) => onChoose(logins, event.target.checked)}
              />
            </th>
            <th scope="col">{t('bulk.logins.login')}</th>
            <th scope="col">{t('bulk.columns.client')}</th>
            <th scope="col">{t('bulk.columns.access')}</th>
          </tr>
        </thead>
        <tbody>
          {logins.map((login) => (
            <tr key={loginKeyOf(login)}>
              <td>
                <input
                  type="checkbox"
                  aria-label={t('bulk.logins.select', { name: login.name || login.email, client: login.clientName })}
                  checked={chosen.has(loginKeyOf(login))}
                  onChange={(event) => onChoose([login], event.target.checked)}
                />
              </td>
              <td>
                <span className="cell-name">{login.name || login.email}</span> <span className="muted">{login.email}</span> <SyncBadgeView badge={login.sync} />
              </td>
              <td>{login.clientName}</td>
              <td>{describeAccess(t, loginAccess(login), presets)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
