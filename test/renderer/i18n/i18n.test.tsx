import { describe, expect, it } from 'vitest'
import { createI18n, effectiveLanguage, systemLanguage } from '../../../src/renderer/src/i18n'
import { describeError, fieldErrors } from '../../../src/renderer/src/i18n/describeError'
import { en } from '../../../src/renderer/src/i18n/en'
import { createFormat } from '../../../src/renderer/src/i18n/format'
import { ptBR } from '../../../src/renderer/src/i18n/pt-BR'
import { ErrorCode } from '../../../src/shared/errors'

function flatten(value: unknown, prefix = ''): Map<string, unknown> {
  const out = new Map<string, unknown>()
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      for (const [path, leaf] of flatten(child, prefix ? `${prefix}.${key}` : key)) out.set(path, leaf)
    }
  } else {
    out.set(prefix, value)
  }
  return out
}

const placeholders = (text: string): string[] => [...text.matchAll(/\{\{\s*(\w+)/g)].map((match) => match[1] ?? '').sort()

describe('translations', () => {
  const pt = flatten(ptBR)
  const english = flatten(en)

  it('have the same keys in pt-BR and English', () => {
    expect([...english.keys()].sort()).toEqual([...pt.keys()].sort())
  })

  it('are non-empty strings everywhere', () => {
    for (const [language, entries] of [
      ['pt-BR', pt],
      ['en', english],
    ] as const) {
      for (const [key, text] of entries) {
        expect(typeof text, `${language} ${key}`).toBe('string')
        expect(String(text).trim(), `${language} ${key}`).not.toBe('')
      }
    }
  })

  it('use the same placeholders in both languages', () => {
    for (const [key, text] of pt) {
      expect(placeholders(String(english.get(key))), key).toEqual(placeholders(String(text)))
    }
  })

  it('word every error code in both languages, with its params', () => {
    for (const code of ErrorCode.options) {
      expect(pt.has(`errors.${code}`), `pt-BR errors.${code}`).toBe(true)
      expect(english.has(`errors.${code}`), `en errors.${code}`).toBe(true)
    }
    const i18n = createI18n('pt-BR')
    const ip = describeError(i18n.t, { code: 'ip_not_allowed', message: 'Invalid IP 203.0.113.7', params: { ip: '203.0.113.7' } })
    expect(ip).toContain('O portal recusou o IP 203.0.113.7 deste computador')
    expect(describeError(i18n.t, { code: 'permission_denied', message: 'x', params: { action: 'getclients' } })).toContain('getclients')
    expect(describeError(i18n.t, { code: 'server_error', message: 'x', params: { status: '503' } })).toContain('503')
    expect(describeError(i18n.t, { code: 'portal_error', message: 'x', params: { portalMessage: 'Client ID Not Found' } })).toContain('Client ID Not Found')
    // A missing param never leaves a raw {{placeholder}} on screen.
    expect(describeError(i18n.t, { code: 'ip_not_allowed', message: 'x' })).not.toContain('{{')
    void i18n.changeLanguage('en')
    expect(describeError(i18n.t, { code: 'ip_not_allowed', message: 'x', params: { ip: '203.0.113.7' } })).toContain("refused this computer's IP 203.0.113.7")
  })

  it('turn validation issues into field messages in the language', () => {
    const i18n = createI18n('pt-BR')
    const fields = fieldErrors(i18n.t, {
      code: 'validation',
      message: 'Invalid input',
      issues: [
        { path: 'url', message: 'required' },
        { path: 'secret', message: 'Too big' },
      ],
    })
    expect(fields).toEqual({ url: 'Preencha este campo.', secret: 'Valor inválido (Too big).' })
  })
})

describe('language', () => {
  it('is pt-BR unless the system locale is English', () => {
    expect(systemLanguage('pt-BR')).toBe('pt-BR')
    expect(systemLanguage('es-AR')).toBe('pt-BR')
    expect(systemLanguage('en-GB')).toBe('en')
    expect(systemLanguage('EN')).toBe('en')
    expect(effectiveLanguage(null, 'en-US')).toBe('en')
    expect(effectiveLanguage('pt-BR', 'en-US')).toBe('pt-BR')
  })

  it('counts clients with the language’s plurals and digit grouping', () => {
    const i18n = createI18n('pt-BR')
    expect(i18n.t('count.clients', { count: 0 })).toBe('nenhum cliente')
    expect(i18n.t('count.clients', { count: 1 })).toBe('1 cliente')
    expect(i18n.t('count.clients', { count: 1000 })).toBe('1.000 clientes')
    expect(i18n.t('count.clients', { count: 1_000_000 })).toBe('1.000.000 de clientes')
    void i18n.changeLanguage('en')
    expect(i18n.t('count.clients', { count: 1000 })).toBe('1,000 clients')
    expect(i18n.t('count.clients', { count: 1 })).toBe('1 client')
  })
})

describe('formats', () => {
  it('shows portal dates as dd/mm/aaaa in pt-BR, without a time zone shift', () => {
    expect(createFormat('pt-BR').day('2021-03-09')).toBe('09/03/2021')
    expect(createFormat('en', 'en-GB').day('2021-03-09')).toBe('09/03/2021')
    expect(createFormat('en', 'en-US').day('2021-03-09')).toBe('03/09/2021')
    expect(createFormat('en', 'pt-BR').day('2021-03-09')).toBe('03/09/2021')
    expect(createFormat('pt-BR').day('not a date')).toBe('not a date')
  })

  it('groups numbers for the language', () => {
    expect(createFormat('pt-BR').number(100_000)).toBe('100.000')
    expect(createFormat('en', 'en-US').number(100_000)).toBe('100,000')
  })
})
