// The portal's JSON as PHP's json_encode writes it with default flags, so clients are tested against
// the bytes a real WHMCS sends (docs/WHMCS.md §7): "/" as "\/", every non-ASCII UTF-16 unit as "\uXXXX".

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue }

/** Characters JSON.stringify leaves raw but PHP escapes. "/" never occurs outside a string in JSON. */
const PHP_ESCAPED = /[\u0080-\uffff/]/g

export function phpJsonEncode(value: JsonValue): string {
  // Astral characters are two UTF-16 units in JS, each escaped on its own: exactly PHP's surrogate pairs.
  return JSON.stringify(value).replace(PHP_ESCAPED, (char) => (char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`))
}
