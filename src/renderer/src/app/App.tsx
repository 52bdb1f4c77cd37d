// The app's root: one bridge, one i18n instance, one set of stores per root.
import { useEffect, useState, type ReactNode } from 'react'
import type { i18n as I18n } from 'i18next'
import { I18nextProvider } from 'react-i18next'
import type { DeskBridge } from '../../../shared/contract'
import { createAppStores, DeskProvider, startAppStores } from '../store'
import { Shell } from './Shell'

export interface AppProps {
  desk: DeskBridge
  i18n: I18n
}

export function App({ desk, i18n }: AppProps): ReactNode {
  const [stores] = useState(() => createAppStores(desk))
  useEffect(() => startAppStores(stores, desk), [stores, desk])
  return (
    <I18nextProvider i18n={i18n}>
      <DeskProvider desk={desk} stores={stores}>
        <Shell />
      </DeskProvider>
    </I18nextProvider>
  )
}
