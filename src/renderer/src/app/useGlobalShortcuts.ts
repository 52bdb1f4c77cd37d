// Keys that work from anywhere: Ctrl+K (Cmd+K on a Mac) goes to the client search (not while a dialog is open);
// Ctrl+S saves the form the focus is in (dialogs and the conflict editor handle their own first), and never
// opens the browser's "save page".
import { useEffect } from 'react'
import { useStores } from '../store'
import { dialogOpen } from '../ui/Dialog'

export function useGlobalShortcuts(): void {
  const stores = useStores()
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.defaultPrevented) return
      const key = event.key.toLowerCase()
      if (key === 's') {
        event.preventDefault()
        if (dialogOpen()) return
        const focused = document.activeElement
        const form = focused instanceof HTMLElement ? focused.closest('form') : null
        form?.requestSubmit()
        return
      }
      if (key !== 'k' || dialogOpen()) return
      event.preventDefault()
      stores.route.getState().navigate({ name: 'clients' }, 'search')
    }
    window.addEventListener('keydown', onKeyDown)
    return () => window.removeEventListener('keydown', onKeyDown)
  }, [stores])
}
