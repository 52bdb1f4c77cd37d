// The app's i18next instance: one per app root (tests make their own), pt-BR unless the system speaks English.
import i18next, { type i18n as I18n } from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '../../../shared/domain'
import { en } from './en'
import { ptBR, type Messages } from './pt-BR'

export const resources = {
  'pt-BR': { translation: ptBR },
  en: { translation: en },
} satisfies Record<Language, { translation: Messages }>

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation'
    resources: { translation: Messages }
  }
}

/** The language the system asks for: English when its locale is English, Portuguese (Brazil) otherwise. */
export function systemLanguage(locale: string | undefined = systemLocale()): Language {
  return locale?.toLowerCase().startsWith('en') ? 'en' : 'pt-BR'
}

/** The browser's locale; undefined where there is no navigator (tests under Node 20). */
function systemLocale(): string | undefined {
  return (globalThis as { navigator?: { language?: string } }).navigator?.language
}

/** The setting wins; null means "follow the system". */
export function effectiveLanguage(setting: Language | null | undefined, locale?: string): Language {
  return setting ?? systemLanguage(locale)
}

export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance()
  void instance.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'pt-BR',
    supportedLngs: ['pt-BR', 'en'],
    initAsync: false,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
  })
  return instance
}
