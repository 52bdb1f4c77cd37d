// Text folding shared by the data generator and the portal's search.

/** Case- and accent-insensitive form, the way MySQL's *_unicode_ci collations (WHMCS's) compare text. */
export function foldCase(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
}

/** Only a–z and digits, for domain labels and mailboxes: "São José Ltda" → "saojoseltda". */
export function asciiFold(text: string): string {
  return foldCase(text).replace(/[^a-z0-9]/g, '')
}
