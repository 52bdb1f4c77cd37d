// Choosing permissions: a preset in one click (Financeiro, Técnico, Acesso total, or one staff saved),
// each of the 13 permissions by its client-area title, or a copy of another person's on the same client.
// Saved presets are kept in the settings: saved, changed (saved again under the same name), renamed, deleted.
import { useId, useState, type ReactNode } from 'react'
import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { MAX_PERMISSION_PRESETS, PERMISSIONS, presetNameKey, type Permission, type PermissionPreset } from '../../../../shared/domain'
import type { Result } from '../../../../shared/errors'
import { describeError } from '../../i18n/describeError'
import { usePresets, useStores } from '../../store'
import { sortPermissions } from '../../../../shared/presets'
import { presetRefusal } from '../../store/presets'
import { allPresets, matchingPreset, permissionTitle } from './labels'

export interface CopySource {
  key: string
  name: string
  permissions: readonly Permission[]
}

interface Props {
  value: readonly Permission[]
  onChange: (value: Permission[]) => void
  copySources?: readonly CopySource[]
  error?: string | null
}

export function PermissionPicker({ value, onChange, copySources = [], error }: Props): ReactNode {
  const { t } = useTranslation()
  const ids = useId()
  const stores = useStores()
  const saved = usePresets((state) => state.saved)
  const presets = allPresets(t, saved)
  const matched = matchingPreset(value, presets)
  const savedMatch = matched ? saved.find((preset) => preset.id === matched.id) : undefined
  const [copyFrom, setCopyFrom] = useState('')
  const [presetName, setPresetName] = useState('')
  const [nameError, setNameError] = useState(false)
  const [notice, setNotice] = useState<Notice | null>(null)
  const errorId = `${ids}-error`

  const toggle = (permission: Permission, on: boolean): void => {
    const next = new Set(value)
    if (on) next.add(permission)
    else next.delete(permission)
    onChange(sortPermissions(next))
  }

  return (
    <div className="permission-picker">
      <fieldset className="choice-group">
        <legend>{t('access.presetLegend')}</legend>
        <div className="preset-row">
          {presets.map((preset) => (
            <label key={preset.id} className="preset-option">
              <input type="radio" name={`${ids}-preset`} checked={matched?.id === preset.id} onChange={() => onChange(sortPermissions(preset.permissions))} />
              <span>{preset.name}</span>
            </label>
          ))}
          <label className="preset-option">
            <input
              type="radio"
              name={`${ids}-preset`}
              checked={matched === null}
              onChange={() => document.getElementById(`${ids}-perm-${PERMISSIONS[0]}`)?.focus()}
            />
            <span>{t('presets.custom')}</span>
          </label>
        </div>
      </fieldset>

      <fieldset className="choice-group" aria-describedby={error ? errorId : undefined}>
        <legend>{t('access.permissionsLegend')}</legend>
        {error && (
          <p className="field-error" id={errorId}>
            {error}
          </p>
        )}
        <div className="choice-grid">
          {PERMISSIONS.map((permission) => (
            <label key={permission} className="checkbox-row">
              <input
                id={`${ids}-perm-${permission}`}
                type="checkbox"
                checked={value.includes(permission)}
                onChange={(event) => toggle(permission, event.target.checked)}
              />
              <span>{permissionTitle(t, permission)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <div className="picker-tools">
        {copySources.length > 0 && (
          <div className="inline-tool">
            <label htmlFor={`${ids}-copy`}>{t('access.copyFrom')}</label>
            <select id={`${ids}-copy`} className="input" value={copyFrom} onChange={(event) => setCopyFrom(event.target.value)}>
              <option value="">{t('access.copyChoose')}</option>
              {copySources.map((source) => (
                <option key={source.key} value={source.key}>
                  {source.name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button"
              aria-disabled={copyFrom === '' || undefined}
              onClick={() => {
                const source = copySources.find((each) => each.key === copyFrom)
                if (source) onChange(sortPermissions(source.permissions))
              }}
            >
              {t('access.copy')}
            </button>
          </div>
        )}
        {matched === null && value.length > 0 && (
          <div className="inline-tool">
            <label htmlFor={`${ids}-preset-name`}>{t('access.presetName')}</label>
            <input
              id={`${ids}-preset-name`}
              className="input"
              type="text"
              maxLength={80}
              value={presetName}
              aria-invalid={nameError || undefined}
              aria-describedby={nameError ? `${ids}-preset-name-error` : undefined}
              onChange={(event) => {
                setPresetName(event.target.value)
                setNameError(false)
              }}
            />
            <button
              type="button"
              className="button"
              onClick={() => {
                const name = presetName.trim()
                if (name === '') {
                  setNameError(true)
                  return
                }
                // The same name again replaces that preset's permissions: that is how one is changed.
                const replacing = saved.some((preset) => presetNameKey(preset.name) === presetNameKey(name))
                setPresetName('')
                void stores.presets
                  .getState()
                  .save(name, value)
                  .then((result) => setNotice(outcome(t, result, t(replacing ? 'access.presetReplaced' : 'access.presetSaved', { name }))))
              }}
            >
              {t('access.savePreset')}
            </button>
            {nameError && (
              <p className="field-error" id={`${ids}-preset-name-error`}>
                {t('access.presetNameRequired')}
              </p>
            )}
          </div>
        )}
        {savedMatch && <SavedPresetTools key={savedMatch.id} preset={savedMatch} onOutcome={setNotice} />}
        <p className={notice?.ok === false ? 'field-error picker-notice' : 'muted picker-notice'} aria-live="polite">
          {notice?.text}
        </p>
      </div>
    </div>
  )
}

interface Notice {
  ok: boolean
  text: string
}

/** What a preset change came to, in words: `success`, or why settings did not keep it. */
function outcome(t: TFunction, result: Result<string>, success: string): Notice {
  if (result.ok) return { ok: true, text: success }
  const refusal = presetRefusal(result.error)
  const text =
    refusal === 'too_many'
      ? t('access.presetsFull', { count: MAX_PERMISSION_PRESETS })
      : refusal === 'duplicate_name'
        ? t('access.presetNameTaken')
        : t('access.presetNotKept', { reason: describeError(t, result.error) })
  return { ok: false, text }
}

/** A saved preset on screen: renamed in place (same id, same permissions), or deleted. */
function SavedPresetTools({ preset, onOutcome }: { preset: PermissionPreset; onOutcome: (notice: Notice) => void }): ReactNode {
  const { t } = useTranslation()
  const ids = useId()
  const stores = useStores()
  const [name, setName] = useState(preset.name)
  const [nameError, setNameError] = useState(false)
  return (
    <div className="inline-tool">
      <label htmlFor={`${ids}-rename`}>{t('access.renameLabel', { name: preset.name })}</label>
      <input
        id={`${ids}-rename`}
        className="input"
        type="text"
        maxLength={80}
        value={name}
        aria-invalid={nameError || undefined}
        aria-describedby={nameError ? `${ids}-rename-error` : undefined}
        onChange={(event) => {
          setName(event.target.value)
          setNameError(false)
        }}
      />
      <button
        type="button"
        className="button"
        onClick={() => {
          const next = name.trim()
          if (next === '') {
            setNameError(true)
            return
          }
          if (next === preset.name) return
          void stores.presets
            .getState()
            .rename(preset.id, next)
            .then((result) => onOutcome(outcome(t, result, t('access.presetRenamed', { from: preset.name, name: next }))))
        }}
      >
        {t('access.renamePreset')}
      </button>
      <button
        type="button"
        className="button button-small button-danger-outline"
        onClick={() => {
          void stores.presets
            .getState()
            .remove(preset.id)
            .then((result) => onOutcome(outcome(t, result, t('access.presetRemoved', { name: preset.name }))))
        }}
      >
        {t('access.removePreset', { name: preset.name })}
      </button>
      {nameError && (
        <p className="field-error" id={`${ids}-rename-error`}>
          {t('access.presetNameRequired')}
        </p>
      )}
    </div>
  )
}
