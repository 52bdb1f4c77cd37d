// Imported first by main.tsx, before any schema is built: the page's CSP (script-src 'self') forbids eval,
// so zod must not probe for it or compile its fast paths with `new Function` (each try is a CSP violation report).
import { z } from 'zod'

z.config({ jitless: true })
