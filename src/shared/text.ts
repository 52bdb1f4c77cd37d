// Text as people compare it: case and accents set aside ("Técnico" = "tecnico", "Álvaro" sorts with "alvaro").

/** Case- and accent-folded text. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** E-mail addresses as the portal compares them: surrounding spaces and case set aside. */
export const sameEmail = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase()
