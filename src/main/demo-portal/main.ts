// Command-line entry of the demo portal (built to out/main/demo-portal.js):
//   node out/main/demo-portal.js --port 0 --clients 5000 --generation 7 [--control]
// It prints one JSON line with where the portal listens and its credentials (and, with --control, the
// control endpoint's `controlUrl`), so a script or a test can read it, then serves until SIGINT/SIGTERM.
import { parseArgs } from 'node:util'
import { z } from 'zod'
import { DEMO_GENERATIONS } from './actions'
import { BASE_CONTACTS_PER_CLIENT } from './data'
import { startDemoPortal, type DemoPortal, type DemoPortalOptions } from './server'

export interface CliIo {
  stdout(line: string): void
  stderr(line: string): void
}

export type CliResult = { ok: true; portal: DemoPortal } | { ok: false; exitCode: number }

const USAGE = `Usage: demo-portal [--port N] [--host ADDR] [--seed N] [--clients N] [--contacts-per-client X] [--generation 7|8]
  [--no-email-delivery]            GetEmails without the delivery fields (pending, failed, failure_reason)
  [--identifier ID] [--secret SECRET] [--state FILE] [--latency-ms N]
  [--allow-ip IP]... [--access-key KEY] [--deny-action ACTION]...
  [--control [--control-port N]]   also serve the control endpoint (faults, state, edits) on loopback`

/** A whole number written in decimal, within bounds; flags arrive as strings. */
const wholeNumber = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, `must be a whole number from ${min} to ${max}`)
    .transform(Number)
    .pipe(z.number().min(min, `must be ${min} or more`).max(max, `must be ${max} or less`))

const Flags = z.strictObject({
  port: wholeNumber(0, 65_535).optional(),
  host: z.string().min(1, 'must not be empty').optional(),
  seed: wholeNumber(0, 4_294_967_295).optional(),
  clients: wholeNumber(0, 1_000_000).optional(),
  'contacts-per-client': z
    .string()
    .regex(/^\d+(\.\d+)?$/, 'must be a number such as 1.6')
    .transform(Number)
    .pipe(
      z
        .number()
        .min(BASE_CONTACTS_PER_CLIENT, `must be ${BASE_CONTACTS_PER_CLIENT.toFixed(2)} or more (the demo's own mix)`)
        .max(20, 'must be 20 or less'),
    )
    .optional(),
  generation: z.enum(DEMO_GENERATIONS, { error: 'must be 7 or 8' }).optional(),
  identifier: z.string().min(1, 'must not be empty').optional(),
  secret: z.string().min(1, 'must not be empty').optional(),
  state: z.string().min(1, 'must not be empty').optional(),
  'latency-ms': wholeNumber(0, 600_000).optional(),
  'allow-ip': z.array(z.string().min(1, 'must not be empty')).optional(),
  'access-key': z.string().min(1, 'must not be empty').optional(),
  'deny-action': z.array(z.string().min(1, 'must not be empty')).optional(),
  control: z.boolean().optional(),
  'no-email-delivery': z.boolean().optional(),
  'control-port': wholeNumber(0, 65_535).optional(),
  help: z.boolean().optional(),
})

const text = { type: 'string' } as const
const list = { type: 'string', multiple: true } as const

/** Starts the portal from command-line flags; the caller owns the returned portal (and closes it). */
export async function runDemoPortalCli(argv: readonly string[], io: CliIo): Promise<CliResult> {
  let values: unknown
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        port: text,
        host: text,
        seed: text,
        clients: text,
        'contacts-per-client': text,
        generation: text,
        identifier: text,
        secret: text,
        state: text,
        'latency-ms': text,
        'allow-ip': list,
        'access-key': text,
        'deny-action': list,
        control: { type: 'boolean' },
        'no-email-delivery': { type: 'boolean' },
        'control-port': text,
        help: { type: 'boolean' },
      },
    }).values
  } catch (error) {
    // parseArgs explains some mistakes over several lines; the first one says what is wrong.
    io.stderr(`demo-portal: ${firstLine((error as Error).message)} (--help lists the flags)`)
    return { ok: false, exitCode: 2 }
  }
  const parsed = Flags.safeParse(values)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    io.stderr(`demo-portal: --${String(issue?.path[0] ?? '?')} ${issue?.message ?? 'is invalid'}`)
    return { ok: false, exitCode: 2 }
  }
  const flags = parsed.data
  if (flags['control-port'] !== undefined && flags.control !== true) {
    io.stderr('demo-portal: --control-port needs --control')
    return { ok: false, exitCode: 2 }
  }
  if (flags.help) {
    io.stdout(USAGE)
    return { ok: false, exitCode: 0 }
  }

  const options: DemoPortalOptions = {
    port: flags.port,
    host: flags.host,
    seed: flags.seed,
    clients: flags.clients,
    contactsPerClient: flags['contacts-per-client'],
    generation: flags.generation,
    emailDelivery: flags['no-email-delivery'] === true ? false : undefined,
    identifier: flags.identifier,
    secret: flags.secret,
    stateFile: flags.state,
    latencyMs: flags['latency-ms'],
    allowedIps: flags['allow-ip'],
    accessKey: flags['access-key'],
    deniedActions: flags['deny-action'],
    control: flags.control,
    controlPort: flags['control-port'],
  }
  let portal: DemoPortal
  try {
    portal = await startDemoPortal(options)
  } catch (error) {
    // A corrupt state file or a taken port: say which, in one line.
    io.stderr(`demo-portal: ${firstLine((error as Error).message)}`)
    return { ok: false, exitCode: 1 }
  }
  const { url, apiUrl, controlUrl, identifier, secret, generation } = portal
  const clients = portal.state.clients.length
  io.stdout(JSON.stringify({ url, apiUrl, identifier, secret, generation, clients, ...(controlUrl === undefined ? {} : { controlUrl }) }))
  return { ok: true, portal }
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? ''
}

async function runAsProgram(): Promise<void> {
  const result = await runDemoPortalCli(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
  })
  if (!result.ok) {
    process.exitCode = result.exitCode
    return
  }
  const stop = (): void => {
    result.portal.close().then(
      () => process.exit(0),
      (error: unknown) => {
        process.stderr.write(`demo-portal: ${(error as Error).message}\n`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

// The bundle is CommonJS and this module is also imported by tests, so "am I the program" is decided
// by the script name rather than require.main or import.meta.
if (process.argv[1]?.endsWith('demo-portal.js')) void runAsProgram()
