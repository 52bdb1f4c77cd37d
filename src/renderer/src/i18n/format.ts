// Dates, times and numbers for the active language, through Intl. pt-BR gives dd/mm/aaaa and 1.000;
// English follows the system's English variant (en-GB dates stay day-first) or US English.
import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import type { Language } from '../../../shared/domain'

export interface Format {
  number(value: number): string
  /** A portal date (YYYY-MM-DD), shown as a calendar date with no time zone shift. */
  day(ymd: string): string
  /** A moment (ISO 8601), as a date in the local time zone. */
  date(iso: string): string
  /** A moment (ISO 8601), as hours and minutes in the local time zone. */
  time(iso: string): string
  /** A moment (ISO 8601), as day and month (dd/mm in pt-BR). */
  dayMonth(iso: string): string
  isToday(iso: string, now?: Date): boolean
}

export function formattingLocale(language: string, systemLocale: string | undefined = globalThis.navigator?.language): string {
  if (language === 'en') return systemLocale?.toLowerCase().startsWith('en') ? systemLocale : 'en-US'
  return 'pt-BR'
}

export function createFormat(language: Language | string, systemLocale?: string): Format {
  const locale = formattingLocale(language, systemLocale)
  const numbers = new Intl.NumberFormat(locale)
  const days = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' })
  const dates = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric' })
  const times = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' })
  const dayMonths = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit' })
  return {
    number: (value) => numbers.format(value),
    day(ymd) {
      const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(ymd)
      if (!match) return ymd
      return days.format(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])))
    },
    date: (iso) => formatMoment(dates, iso),
    time: (iso) => formatMoment(times, iso),
    dayMonth: (iso) => formatMoment(dayMonths, iso),
    isToday(iso, now = new Date()) {
      const moment = new Date(iso)
      return moment.getFullYear() === now.getFullYear() && moment.getMonth() === now.getMonth() && moment.getDate() === now.getDate()
    },
  }
}

function formatMoment(format: Intl.DateTimeFormat, iso: string): string {
  const moment = new Date(iso)
  return Number.isNaN(moment.getTime()) ? iso : format.format(moment)
}

export function useFormat(): Format {
  const { i18n } = useTranslation()
  const language = i18n.language
  return useMemo(() => createFormat(language), [language])
}
