// Keys that work from anywhere: Ctrl+K (Cmd+K on a Mac) goes to the client search (not while a dialog is open).
import { useEffect } from 'react'
import { useStores } from '../store'
import { dialogOpen } from '../ui/Dialog'

export function useGlobalShortcuts(): void {
  const stores = useStores()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      if (event.key.toLowerCase() !== 'k' || dialogOpen()) return
      event.preventDefault()
      stores.route.getState().navigate({ name: 'clients' }, 'search')
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [stores])
}
