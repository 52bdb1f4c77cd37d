// The command table: the usage shows each command's flags as declared, and the checks of a command line come from
// the same declaration (what is required, what takes a value, what excludes what, the argument).
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { defineCommand, flagShapes, toggle, UsageError, valued } from '../../../src/main/cli/command'
import { COMMANDS } from '../../../src/main/cli/commands'
import { FIELD_FLAG_NAMES } from '../../../src/main/cli/flags'
import { synopsis, USAGE } from '../../../src/main/cli/usage'
import { methodNames } from '../../../src/shared/contract'
import { EMAIL_CATEGORIES } from '../../../src/shared/domain'

const sample = defineCommand({
  names: ['sample run'],
  help: ['a command for this test'],
  argument: { name: 'ITEM', what: 'an item number', schema: z.coerce.number().int().positive() },
  flags: { to: valued(z.string(), 'WHERE'), mine: toggle(), theirs: toggle(), count: valued(z.coerce.number().int(), 'N').optional() },
  oneOf: ['mine', 'theirs'],
  method: 'outbox.list',
  input: () => ({}),
  lines: () => [],
})

function refusal(words: string[], values: Record<string, unknown>): string {
  const bound = sample.bind(words, values)
  return bound instanceof UsageError ? bound.message : 'accepted'
}

describe('the command table', () => {
  it('derives a synopsis from the flags: argument, required, one-of, then optional', () => {
    expect(synopsis(sample)).toBe('ITEM --to WHERE --mine | --theirs [--count N]')
  })

  it('shows a flag added to a command in its usage line', () => {
    const more = defineCommand({ ...sampleDeclaration(), flags: { to: valued(z.string(), 'WHERE'), since: valued(z.string(), 'DATE').optional() } })
    expect(synopsis(more)).toBe('--to WHERE [--since DATE]')
  })

  it('refuses what the declaration refuses, naming it', () => {
    expect(refusal([], { to: 'x', mine: true })).toBe('sample run needs an item number')
    expect(refusal(['x'], { to: 'x', mine: true })).toBe('sample run needs an item number')
    expect(refusal(['1', '2'], { to: 'x', mine: true })).toBe('sample run needs an item number')
    expect(refusal(['1'], { mine: true })).toBe('sample run needs --to WHERE')
    expect(refusal(['1'], { to: 'x' })).toBe('sample run needs --mine or --theirs (one of them)')
    expect(refusal(['1'], { to: 'x', mine: true, theirs: true })).toBe('sample run needs --mine or --theirs (one of them)')
    expect(refusal(['1'], { to: 'x', mine: true, count: 'many' })).toMatch(/bad option count/)
    expect(refusal(['1'], { to: 'x', theirs: true, count: '3' })).toBe('accepted')
  })

  it('every command has a help line, a contract method and one spelling per name', () => {
    const names = COMMANDS.flatMap((command) => command.names)
    expect(new Set(names).size).toBe(names.length)
    for (const command of COMMANDS) {
      expect(command.help[0].length, command.names[0]).toBeGreaterThan(0)
      expect(methodNames, command.names[0]).toContain(command.method)
      for (const name of command.oneOf) expect(Object.hasOwn(command.flags, name), `${command.names[0]} --${name}`).toBe(true)
    }
  })

  it('lists every flag of every command in the usage, the field flags and e-mail categories from their tables', () => {
    const oneLine = USAGE.replace(/\s+/g, ' ')
    for (const command of COMMANDS)
      for (const flag of flagShapes(command.flags)) expect(oneLine, `${command.names[0]} --${flag.name}`).toContain(`--${flag.name}`)
    for (const flag of FIELD_FLAG_NAMES) expect(oneLine).toContain(`--${flag}`)
    expect(oneLine).toContain(EMAIL_CATEGORIES.join(', '))
    expect(USAGE.split('\n')[0]).toBe('Usage: contact-desk [--data-dir DIR] [--json] [--secret SECRET] [--help] <command>')
  })
})

function sampleDeclaration() {
  return { names: ['sample more'] as const, help: ['more'] as const, method: 'outbox.list' as const, input: () => ({}), lines: () => [] }
}
