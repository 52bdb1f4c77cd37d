// One grid for the whole account: a row per person (owner, contacts, logins that are no contact), a column
// per e-mail category, client-area access, and a compact column per permission (full client-area title as
// its accessible name and tooltip). Badges say what is pending, failed, rejected or in conflict.
import type { ReactNode } from 'react'
import { useId } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { EMAIL_CATEGORIES, PERMISSIONS, type Generation, type Permission, type SyncBadge } from '../../../../shared/domain'
import { loginStateText } from '../access/AccessEditor'
import { categoryLabel, categoryShort, permissionShort, permissionTitle } from '../access/labels'
import type { Person } from './people'

interface Props {
  people: readonly Person[]
  generation: Generation
  onEdit: (person: Person) => void
  onAccess: (person: Person) => void
  onOwnerPreferences: (person: Person) => void
  /** A login that is no contact: make it one (8.x), so it receives e-mail too. */
  onMakeContact: (person: Person) => void
  ownerPreferencesKnown: boolean
}

export function WhoGetsWhat({ people, generation, onEdit, onAccess, onOwnerPreferences, onMakeContact, ownerPreferencesKnown }: Props): ReactNode {
  const { t } = useTranslation()
  const captionId = useId()
  return (
    <div className="wgw-wrap" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table className="wgw">
        <caption id={captionId} className="sr-only">
          {t('grid.caption')}
        </caption>
        <colgroup>
          <col className="wgw-col-person" />
          <col span={EMAIL_CATEGORIES.length} className="wgw-col-mail" />
          <col className="wgw-col-access" />
          <col span={PERMISSIONS.length} className="wgw-col-perm" />
          <col className="wgw-col-actions" />
        </colgroup>
        <thead>
          <tr>
            <th scope="col" rowSpan={2} className="wgw-person-head">
              {t('grid.person')}
            </th>
            <th scope="colgroup" colSpan={EMAIL_CATEGORIES.length} className="wgw-group">
              {t('grid.emails')}
            </th>
            <th scope="colgroup" colSpan={PERMISSIONS.length + 1} className="wgw-group">
              {t('grid.clientArea')}
            </th>
            <th scope="col" rowSpan={2} className="wgw-actions-head">
              {t('grid.actions')}
            </th>
          </tr>
          <tr>
            {EMAIL_CATEGORIES.map((category) => (
              <th key={category} scope="col" className={`wgw-rot${category === 'invoice' ? ' wgw-key' : ''}`} title={categoryLabel(t, category)}>
                <span aria-hidden="true">{categoryShort(t, category)}</span>
                <span className="sr-only">{categoryLabel(t, category)}</span>
              </th>
            ))}
            <th scope="col" className="wgw-rot wgw-key wgw-group-start" title={t('grid.accessLong')}>
              <span aria-hidden="true">{t('grid.accessShort')}</span>
              <span className="sr-only">{t('grid.accessLong')}</span>
            </th>
            {PERMISSIONS.map((permission) => (
              <th key={permission} scope="col" className="wgw-rot" title={permissionTitle(t, permission)}>
                <span aria-hidden="true">{permissionShort(t, permission)}</span>
                <span className="sr-only">{permissionTitle(t, permission)}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {people.map((person) => (
            <PersonRow
              key={person.key}
              person={person}
              generation={generation}
              onEdit={onEdit}
              onAccess={onAccess}
              onOwnerPreferences={onOwnerPreferences}
              onMakeContact={onMakeContact}
              ownerPreferencesKnown={ownerPreferencesKnown}
            />
          ))}
        </tbody>
      </table>
    </div>
  )
}

function PersonRow({
  person,
  generation,
  onEdit,
  onAccess,
  onOwnerPreferences,
  onMakeContact,
  ownerPreferencesKnown,
}: { person: Person } & Omit<Props, 'people'>): ReactNode {
  const { t } = useTranslation()
  const stateText = loginStateText(t, person.loginState, generation)
  return (
    <tr className={`wgw-row wgw-${person.role}`}>
      <th scope="row" className="wgw-person">
        <span className="wgw-name">{person.name}</span>
        <span className="wgw-email">{person.email}</span>
        <span className="wgw-badges">
          <RoleBadge person={person} />
          <SyncBadgeView badge={person.sync} />
          {/* 8.x: the invite's whole life (to send, pending, expired, accepted); 7.x: only what is not plain "active". */}
          {stateText && (person.loginState !== 'active' || (generation === '8' && person.role === 'contact')) && (
            <span className={`badge ${loginBadgeClass(person.loginState)}`}>{stateText}</span>
          )}
        </span>
      </th>
      {EMAIL_CATEGORIES.map((category) => (
        <td key={category} className={category === 'invoice' ? 'wgw-cell wgw-key' : 'wgw-cell'}>
          {person.role === 'login' ? (
            <Mark kind="na" label={t('grid.notContact')} />
          ) : person.emailPreferences === null ? (
            <Mark kind="unknown" label={t('grid.unknown')} />
          ) : person.emailPreferences[category] ? (
            <Mark kind="yes" label={t('grid.receives')} />
          ) : (
            <Mark kind="no" label={t('grid.doesNotReceive')} />
          )}
        </td>
      ))}
      <td className="wgw-cell wgw-key wgw-group-start">
        <AccessMark person={person} />
      </td>
      {PERMISSIONS.map((permission) => (
        <td key={permission} className="wgw-cell">
          <PermissionMark person={person} permission={permission} />
        </td>
      ))}
      <td className="wgw-actions">
        {person.role === 'contact' && (
          <>
            <button
              type="button"
              className="button button-small"
              aria-label={t('grid.editPerson', { name: person.name, email: person.email })}
              onClick={() => onEdit(person)}
            >
              {t('grid.edit')}
            </button>
            <button
              type="button"
              className="button button-small"
              aria-label={t('grid.accessPerson', { name: person.name, email: person.email })}
              onClick={() => onAccess(person)}
            >
              {t('grid.access')}
            </button>
          </>
        )}
        {person.role === 'login' && (
          <>
            <button
              type="button"
              className="button button-small"
              aria-label={t('grid.makeContactFor', { name: person.name, email: person.email })}
              onClick={() => onMakeContact(person)}
            >
              {t('grid.makeContact')}
            </button>
            {/* 8.x users (not invites): their permissions here, or taking them off this account. */}
            {person.login?.kind === 'user' && person.login.userId !== null && (
              <button
                type="button"
                className="button button-small"
                aria-label={t('grid.accessPerson', { name: person.name, email: person.email })}
                onClick={() => onAccess(person)}
              >
                {t('grid.access')}
              </button>
            )}
          </>
        )}
        {person.role === 'owner' && (
          <button
            type="button"
            className="button button-small"
            aria-label={t('grid.ownerPreferencesOf', { name: person.name })}
            aria-disabled={!ownerPreferencesKnown || undefined}
            title={ownerPreferencesKnown ? undefined : t('grid.ownerPreferencesUnknown')}
            onClick={() => {
              if (ownerPreferencesKnown) onOwnerPreferences(person)
            }}
          >
            {t('grid.ownerPreferences')}
          </button>
        )}
      </td>
    </tr>
  )
}

function Mark({ kind, label }: { kind: 'yes' | 'no' | 'unknown' | 'na'; label: string }): ReactNode {
  const glyph = kind === 'yes' ? '✓' : kind === 'unknown' ? '?' : kind === 'na' ? '–' : '·'
  return (
    <span className={`mark mark-${kind}`} title={label}>
      <span aria-hidden="true">{glyph}</span>
      <span className="sr-only">{label}</span>
    </span>
  )
}

function AccessMark({ person }: { person: Person }): ReactNode {
  const { t } = useTranslation()
  switch (person.access.kind) {
    case 'owner':
      return <Mark kind="yes" label={t('grid.ownerAccess')} />
    case 'enabled':
      return <Mark kind="yes" label={t('grid.canLogIn')} />
    case 'none':
      return <Mark kind="no" label={t('grid.cannotLogIn')} />
    case 'unknown':
      return <Mark kind="unknown" label={t('grid.unknown')} />
  }
}

function PermissionMark({ person, permission }: { person: Person; permission: Permission }): ReactNode {
  const { t } = useTranslation()
  if (person.access.kind === 'owner') return <Mark kind="yes" label={t('grid.ownerAccess')} />
  if (person.access.kind === 'unknown') return <Mark kind="unknown" label={t('grid.unknown')} />
  if (person.access.kind === 'enabled' && person.access.permissions.includes(permission)) return <Mark kind="yes" label={t('grid.allowed')} />
  return <Mark kind="no" label={t('grid.notAllowed')} />
}

function RoleBadge({ person }: { person: Person }): ReactNode {
  const { t } = useTranslation()
  if (person.role === 'owner') return <span className="badge badge-info">{t('grid.role.owner')}</span>
  if (person.role === 'login')
    return <span className="badge badge-muted">{person.login?.kind === 'invite' ? t('grid.role.invite') : t('grid.role.login')}</span>
  if (person.login?.kind === 'subaccount') return <span className="badge badge-muted">{t('grid.role.subaccount')}</span>
  return null
}

export function SyncBadgeView({ badge }: { badge: SyncBadge }): ReactNode {
  const { t } = useTranslation()
  if (badge === 'synced') return null
  return <span className={`badge badge-${badge}`}>{syncBadgeText(t, badge)}</span>
}

export function syncBadgeText(t: TFunction, badge: Exclude<SyncBadge, 'synced'>): string {
  return t(`syncBadge.${badge}`)
}

function loginBadgeClass(state: Person['loginState']): string {
  if (state === 'active') return 'badge-active'
  if (state === 'expired') return 'badge-failed'
  if (state === 'sending') return 'badge-held'
  return 'badge-pending'
}
