// portal.*: checking a portal's credentials and generation, connecting it (or the built-in demo), and
// entering the secret of one whose secret this computer does not keep.
import type { ConnectResult, MethodParsedInput } from '../../../shared/contract'
import { DeskFailure } from '../../../shared/errors'
import { writeRefusal } from '../db/sync-runs'
import type { HandlersOf } from '../dispatch'
import { resolveApiUrl } from '../portal/url'
import { createWhmcsClient } from '../portal/whmcs-client'
import type { Session } from '../session'

type ConnectInput = MethodParsedInput<'portal.connect'>

/** Checks a portal: its credentials (GetClients), its generation (WhmcsDetails, where the API role allows it). */
async function probe(session: Session, input: ConnectInput, isDemo: boolean): Promise<Omit<ConnectResult, 'secretStored'>> {
  const apiUrl = resolveApiUrl(input.url)
  const portal = createWhmcsClient({
    apiUrl,
    identifier: input.identifier,
    secret: input.secret,
    transport: session.transport,
    timeoutMs: session.options.timeoutMs,
  })
  const first = await session.reach(portal.getClients({ limitstart: 0, limitnum: 1 }))
  const warnings = [...first.warnings]
  let version: string | null = null
  let detected: '7' | '8' | null = null
  try {
    const details = await session.reach(portal.whmcsDetails())
    version = details.version
    detected = details.generation
  } catch (error) {
    // An API role may forbid WhmcsDetails; the credentials still work, so say so instead of failing.
    if (!(error instanceof DeskFailure) || (error.code !== 'permission_denied' && error.code !== 'portal_error')) throw error
  }
  if (input.generation === 'auto' && detected === null) {
    warnings.push(
      'The WHMCS version could not be read (WhmcsDetails is not allowed for this API credential); assuming WHMCS 8. Choose 7 or 8 in the settings if that is wrong.',
    )
  }
  const generation = input.generation === 'auto' ? (detected ?? '8') : input.generation
  return {
    portal: { apiUrl, identifier: input.identifier, generation, version, demo: isDemo },
    clientCount: first.total,
    warnings,
  }
}

async function connect(session: Session, input: ConnectInput, isDemo: boolean): Promise<ConnectResult> {
  const result = await probe(session, input, isDemo)
  session.switchPortal(result.portal, input.secret)
  return { ...result, secretStored: session.options.secrets.persistent }
}

export function portalHandlers(session: Session): HandlersOf<'portal'> {
  return {
    'portal.test': async (input) => ({ ...(await probe(session, input, false)), secretStored: false }),
    'portal.connect': (input) => connect(session, input, false),
    'portal.unlock': async ({ secret }) => {
      const open = session.requirePortal()
      session.options.secrets.set(session.secretKey(open.info), secret)
      writeRefusal(open.db, null)
      session.emitStatus()
      session.restartSchedule()
      return session.status()
    },
    'portal.connectDemo': async () => {
      const local = await session.startDemo()
      return connect(session, { url: local.apiUrl, identifier: local.identifier, secret: local.secret, generation: 'auto' }, true)
    },
  }
}
