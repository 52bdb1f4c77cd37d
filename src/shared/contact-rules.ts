// What staff may save as a contact: the checks that run as they type and again in main.
import { z } from 'zod'
import { ContactFields, type EmailPreferences } from './domain'

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`)

/** A contact as edited here: a real e-mail address, an ISO country code, sensible lengths. */
export const ContactEdit = ContactFields.extend({
  firstName: text(255).min(1, 'required'),
  lastName: text(255),
  companyName: text(255),
  email: z.string().trim().toLowerCase().pipe(z.email('a valid e-mail address')).pipe(z.string().max(255)),
  address1: text(255),
  address2: text(255),
  city: text(255),
  state: text(255),
  postcode: text(32),
  country: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^([A-Z]{2})?$/, 'a two-letter country code'),
  phoneNumber: text(64),
  taxId: text(64),
})
export type ContactEdit = z.infer<typeof ContactEdit>

/** A whole e-mail address, as typed in a search: it names one person ("revoke a departed person everywhere"), not a pattern. */
export const isEmailAddress = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim())

/** A new contact starts with invoice and general e-mails on (issue 6): the help article's point is invoices. */
export const NEW_CONTACT_PREFERENCES: EmailPreferences = { general: true, product: false, domain: false, invoice: true, support: false, affiliate: false }

/** A contact not filled in yet: a Brazilian one, receiving invoice and general e-mails (the editor, the CLI). */
export function newContactFields(): ContactFields {
  return {
    firstName: '',
    lastName: '',
    companyName: '',
    email: '',
    address1: '',
    address2: '',
    city: '',
    state: '',
    postcode: '',
    country: 'BR',
    phoneNumber: '',
    taxId: '',
    emailPreferences: { ...NEW_CONTACT_PREFERENCES },
  }
}
