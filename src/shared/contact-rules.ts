// What staff may save as a contact: the checks that run as they type and again in main.
import { z } from 'zod'
import { ContactFields } from './domain'

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
  country: z.string().trim().toUpperCase().regex(/^([A-Z]{2})?$/, 'a two-letter country code'),
  phoneNumber: text(64),
  taxId: text(64),
})
export type ContactEdit = z.infer<typeof ContactEdit>

/** A whole e-mail address, as typed in a search: it names one person ("revoke a departed person everywhere"), not a pattern. */
export const isEmailAddress = (text: string): boolean => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim())
