// Personal data in a shape that tells what kind of value it was, never the value itself (issue 7, LGPD): e-mail
// addresses keep their first letter and their domain (a***@gmail.com), CPF and CNPJ numbers (and any bare 11- or
// 14-digit run, which is how phone numbers are usually written too) become stars. The log files (electron/log/
// redact.ts) and the portal's activity log (core/sync/activity.ts) mask the same way.

const EMAIL = /(?<![A-Za-z0-9._%+-])([A-Za-z0-9])[A-Za-z0-9._%+-]*@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})/g
// CPF 123.456.789-09, CNPJ 12.345.678/0001-90 (and the alphanumeric CNPJ of 2026, 12.ABC.345/01DE-35),
// and their bare 11- and 14-digit forms.
const CPF_CNPJ = /\b(?:\d{3}\.\d{3}\.\d{3}-\d{2}|[\dA-Z]{2}\.[\dA-Z]{3}\.[\dA-Z]{3}\/[\dA-Z]{4}-\d{2}|\d{14}|\d{11})\b/g

/** Masks the e-mail addresses and CPF/CNPJ numbers in a piece of text. */
export function maskPersonalData(text: string): string {
  return text.replace(EMAIL, '$1***@$2').replace(CPF_CNPJ, (document) => document.replace(/[\dA-Z]/g, '*'))
}
