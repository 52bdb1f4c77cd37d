// Text as people compare it: case and accents set aside ("Técnico" = "tecnico", "Álvaro" sorts with "alvaro").

/** Case- and accent-folded text. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}

/** An e-mail address as the portal compares it: surrounding spaces and case set aside. */
export const emailKey = (email: string): string => email.trim().toLowerCase()

export const sameEmail = (a: string, b: string): boolean => emailKey(a) === emailKey(b)
