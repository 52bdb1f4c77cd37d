// The language of what main shows by itself (the menu, update dialogs): the app's setting when the
// user chose one, otherwise pt-BR unless the system locale is English (docs/ARCHITECTURE.md §11).
import type { Language } from '../../shared/domain'

export function mainLanguage(setting: Language | null | undefined, systemLocale: string): Language {
  if (setting) return setting
  return /^en(?:$|[-_])/i.test(systemLocale) ? 'en' : 'pt-BR'
}
