// Our ContactFields ↔ the contact APIs' wire names (docs/WHMCS.md §2.1–§2.4), shared by AddContact,
// UpdateContact and GetContacts.
import { z } from 'zod'
import { ContactFields, type ContactTextField, type EmailPreferences } from '../../../shared/domain'
import { text } from './decode'
import { preferencesParam } from './email-preferences'

/** In the order the portal documents them. */
export const CONTACT_WIRE_NAMES: readonly (readonly [ContactTextField, string])[] = [
  ['firstName', 'firstname'],
  ['lastName', 'lastname'],
  ['companyName', 'companyname'],
  ['email', 'email'],
  ['address1', 'address1'],
  ['address2', 'address2'],
  ['city', 'city'],
  ['state', 'state'],
  ['postcode', 'postcode'],
  ['country', 'country'],
  ['phoneNumber', 'phonenumber'],
  ['taxId', 'tax_id'],
]

/**
 * The wire parameters for the fields given, and only those. An empty string is sent as such (it clears
 * the field). E-mail preferences, when given, are always all six keys.
 */
export function contactParams(fields: Partial<ContactFields>): Record<string, unknown> {
  const params: Record<string, unknown> = {}
  for (const [name, wire] of CONTACT_WIRE_NAMES) {
    const value = fields[name]
    if (value !== undefined) params[wire] = value
  }
  if (fields.emailPreferences !== undefined) params.email_preferences = preferencesParam(fields.emailPreferences)
  return params
}

/** A contact's text fields as GetContacts writes them; a missing key (8.x leaves out companyname, tax_id) is "". */
export const contactTextWire = {
  firstname: text,
  lastname: text,
  companyname: text,
  email: text,
  address1: text,
  address2: text,
  city: text,
  state: text,
  postcode: text,
  // A two-letter code in any case is the ISO code; anything else is kept as the portal holds it.
  country: text.transform((value) => (/^[a-z]{2}$/i.test(value.trim()) ? value.trim().toUpperCase() : value)),
  phonenumber: text,
  tax_id: text,
}

type ContactTextWire = { [K in keyof typeof contactTextWire]: z.output<(typeof contactTextWire)[K]> }

export function contactFieldsFrom(wire: ContactTextWire, emailPreferences: EmailPreferences): ContactFields {
  return {
    firstName: wire.firstname,
    lastName: wire.lastname,
    companyName: wire.companyname,
    email: wire.email,
    address1: wire.address1,
    address2: wire.address2,
    city: wire.city,
    state: wire.state,
    postcode: wire.postcode,
    country: wire.country,
    phoneNumber: wire.phonenumber,
    taxId: wire.tax_id,
    emailPreferences,
  }
}
