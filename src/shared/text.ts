// Text as people compare it: case and accents set aside ("Técnico" = "tecnico", "Álvaro" sorts with "alvaro").

/** Case- and accent-folded text. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
}
