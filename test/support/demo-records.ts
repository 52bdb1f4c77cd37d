// A demo portal's contact in the app's own terms, read straight off the demo's record: what the tests (and the
// benchmarks) that compare the cache or a decoded answer with the portal's state expect a contact's fields to be.
import type { DemoContact } from '../../src/main/demo-portal/schema'
import type { ContactFields, EmailPreferences } from '../../src/shared/domain'

export const demoContactPreferences = (contact: DemoContact): EmailPreferences => ({
  general: contact.generalemails,
  product: contact.productemails,
  domain: contact.domainemails,
  invoice: contact.invoiceemails,
  support: contact.supportemails,
  affiliate: contact.affiliateemails,
})

export function demoContactFields(contact: DemoContact): ContactFields {
  return {
    firstName: contact.firstname,
    lastName: contact.lastname,
    companyName: contact.companyname,
    email: contact.email,
    address1: contact.address1,
    address2: contact.address2,
    city: contact.city,
    state: contact.state,
    postcode: contact.postcode,
    country: contact.country,
    phoneNumber: contact.phonenumber,
    taxId: contact.tax_id,
    emailPreferences: demoContactPreferences(contact),
  }
}
