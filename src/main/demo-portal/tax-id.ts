// CPF (persons) and CNPJ (companies) with valid check digits, so the app's offline validation
// accepts every demo record.

/** Modulo-11 check digit used by both CPF and CNPJ: digits weighted from the right, starting at 2. */
function checkDigit(digits: string, maxWeight: number): number {
  let sum = 0
  let weight = 2
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight
    weight = weight === maxWeight ? 2 : weight + 1
  }
  const rest = sum % 11
  return rest < 2 ? 0 : 11 - rest
}

function withCheckDigits(base: string, maxWeight: number): string {
  const first = `${base}${checkDigit(base, maxWeight)}`
  return `${first}${checkDigit(first, maxWeight)}`
}

/** "123.456.789-09" from the 9 base digits (0 to 999 999 999). */
export function formatCpf(base: number): string {
  // CPF weights run 2..11 and never wrap.
  const d = withCheckDigits(String(base).padStart(9, '0'), 11)
  return `${d.slice(0, 3)}.${d.slice(3, 6)}.${d.slice(6, 9)}-${d.slice(9)}`
}

/** "12.345.678/0001-95" from the 8 root digits; the branch is the head office, 0001. */
export function formatCnpj(root: number): string {
  // CNPJ weights run 2..9 and wrap.
  const d = withCheckDigits(`${String(root).padStart(8, '0')}0001`, 9)
  return `${d.slice(0, 2)}.${d.slice(2, 5)}.${d.slice(5, 8)}/${d.slice(8, 12)}-${d.slice(12)}`
}
