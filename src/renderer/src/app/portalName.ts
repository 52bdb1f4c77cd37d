// How a portal is named on screen: its host, and its WHMCS version (or generation when it did not say).
import type { TFunction } from 'i18next'
import type { PortalInfo } from '../../../shared/domain'

export function hostOf(url: string): string {
  try {
    return new URL(url).host
  } catch {
    return url
  }
}

export function portalName(t: TFunction, portal: PortalInfo): string {
  return portal.version
    ? t('settings.portal.portalVersion', { version: portal.version })
    : t('settings.portal.portalGeneration', { generation: portal.generation })
}
