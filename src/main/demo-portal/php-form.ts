// The request body as PHP fills $_POST from application/x-www-form-urlencoded: bracket keys build
// nested arrays (`email_preferences[general]=1`), `[]` appends, the last value for a key wins.
// Node's URLSearchParams gives flat keys, which is exactly the client bug the portal must expose.

export type FormValue = string | FormArray
/** A PHP array: ordered string keys (numeric ones included), with a null prototype so keys like "__proto__" stay data. */
export interface FormArray {
  [key: string]: FormValue
}

export function parsePhpForm(body: string): FormArray {
  const result = emptyArray()
  for (const pair of body.split('&')) {
    if (pair === '') continue
    const eq = pair.indexOf('=')
    const key = decode(eq === -1 ? pair : pair.slice(0, eq))
    const value = decode(eq === -1 ? '' : pair.slice(eq + 1))
    assign(result, key, value)
  }
  return result
}

/** A top-level parameter as a string; arrays (and absent keys) give undefined. */
export function stringParam(params: FormArray, name: string): string | undefined {
  const value = params[name]
  return typeof value === 'string' ? value : undefined
}

function emptyArray(): FormArray {
  return Object.create(null) as FormArray
}

/** urldecode: "+" is a space; a malformed escape is kept as written instead of failing the request. */
function decode(text: string): string {
  const spaced = text.replace(/\+/g, ' ')
  try {
    return decodeURIComponent(spaced)
  } catch {
    return spaced.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  }
}

function assign(target: FormArray, key: string, value: string): void {
  const open = key.indexOf('[')
  // PHP turns " " and "." in the base name into "_"; without a closing bracket the "[" is kept as "_" too.
  const base = (open === -1 ? key : key.slice(0, open)).replace(/[ .]/g, '_')
  if (base === '') return
  const path = [base]
  let rest = open === -1 ? '' : key.slice(open)
  for (let match = /^\[([^\]]*)\]/.exec(rest); match; match = /^\[([^\]]*)\]/.exec(rest)) {
    path.push(match[1] ?? '')
    rest = rest.slice(match[0].length)
  }
  if (open !== -1 && path.length === 1) path[0] = `${base}_${key.slice(open + 1)}`
  assignPath(target, path, value)
}

function assignPath(target: FormArray, path: string[], value: string): void {
  let node = target
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] ?? ''
    const key = segment === '' ? String(nextIndex(node)) : segment
    if (i === path.length - 1) {
      node[key] = value
      return
    }
    const child = node[key]
    // A scalar where an array is needed is replaced, as PHP does.
    if (typeof child === 'object') node = child
    else node = node[key] = emptyArray()
  }
}

/** `a[]=x` appends after the largest integer key, as PHP arrays do. */
function nextIndex(array: FormArray): number {
  let next = 0
  for (const key of Object.keys(array)) {
    if (/^(0|[1-9]\d*)$/.test(key)) next = Math.max(next, Number(key) + 1)
  }
  return next
}
