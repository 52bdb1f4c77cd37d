// Keys that work from anywhere: Ctrl+K (Cmd+K on a Mac) goes to the client search.
import { useEffect } from 'react'
import { useStores } from '../store'

export function useGlobalShortcuts(): void {
  const stores = useStores()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey) return
      if (event.key.toLowerCase() !== 'k') return
      event.preventDefault()
      stores.route.getState().navigate({ name: 'clients' }, 'search')
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [stores])
}
