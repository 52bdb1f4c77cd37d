// Applies the settings to the document: the language (i18next and <html lang>) and the theme (data-theme).
import { useEffect, useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { effectiveLanguage } from '../i18n'
import { useSettings } from '../store'

const DARK_QUERY = '(prefers-color-scheme: dark)'

function subscribeToColorScheme(onChange: () => void): () => void {
  if (typeof window.matchMedia !== 'function') return () => undefined
  const query = window.matchMedia(DARK_QUERY)
  query.addEventListener('change', onChange)
  return () => query.removeEventListener('change', onChange)
}

const systemPrefersDark = (): boolean => typeof window.matchMedia === 'function' && window.matchMedia(DARK_QUERY).matches

export function useDocumentPreferences(): void {
  const { i18n } = useTranslation()
  const languageSetting = useSettings((state) => state.settings?.language)
  const themeSetting = useSettings((state) => state.settings?.theme ?? 'system')
  const prefersDark = useSyncExternalStore(subscribeToColorScheme, systemPrefersDark)

  // Until the settings answer, the language the app started with (the system's) stays.
  const language = languageSetting === undefined ? i18n.language : effectiveLanguage(languageSetting)
  useEffect(() => {
    if (i18n.language !== language) void i18n.changeLanguage(language)
    document.documentElement.lang = language
  }, [i18n, language])

  const theme = themeSetting === 'system' ? (prefersDark ? 'dark' : 'light') : themeSetting
  useEffect(() => {
    document.documentElement.dataset.theme = theme
  }, [theme])
}
