// Choosing permissions: a preset in one click (Financeiro, Técnico, Acesso total, or one staff saved),
// each of the 13 permissions by its client-area title, or a copy of another person's on the same client.
import { useId, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import { PERMISSIONS, type Permission } from '../../../../shared/domain'
import { usePresets, useStores } from '../../store'
import { sortPermissions } from '../../store/presets'
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
  const [savedNotice, setSavedNotice] = useState<string | null>(null)
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
                if (presetName.trim() === '') {
                  setNameError(true)
                  return
                }
                stores.presets.getState().save(presetName, value)
                setSavedNotice(t('access.presetSaved', { name: presetName.trim() }))
                setPresetName('')
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
        {savedMatch && (
          <div className="inline-tool">
            <button
              type="button"
              className="button button-small button-danger-outline"
              onClick={() => {
                stores.presets.getState().remove(savedMatch.id)
                setSavedNotice(t('access.presetRemoved', { name: savedMatch.name }))
              }}
            >
              {t('access.removePreset', { name: savedMatch.name })}
            </button>
          </div>
        )}
        <p className="muted picker-notice" aria-live="polite">
          {savedNotice}
        </p>
      </div>
    </div>
  )
}
