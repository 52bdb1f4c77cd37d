// The client list: instant search and a virtualized listbox that fetches only the rows on screen.
// Keyboard: Ctrl/Cmd+K focuses the search; ↓ moves into the list; ↑ ↓ PgUp PgDn Home End move; Enter opens.
import { memo, useCallback, useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import type { Client } from '../../../../shared/domain'
import { describeError } from '../../i18n/describeError'
import { useFormat } from '../../i18n/format'
import { useClientList, useRoute, useStatus, useStores } from '../../store'
import { clientAt, rowCount, selectSearching } from '../../store/clients'
import './clients.css'

const ROW_HEIGHT = 36
const SEARCH_DELAY_MS = 120
const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform)

export function ClientList(): ReactNode {
  const { t } = useTranslation()
  const stores = useStores()
  const ids = useId()
  const headingId = `${ids}-heading`
  const listId = `${ids}-list`
  const rowId = (index: number): string => `${ids}-row-${index}`

  const search = useClientList((state) => state.search)
  const query = useClientList((state) => state.query)
  const generation = useClientList((state) => state.generation)
  const count = useClientList(rowCount)
  const totalKnown = useClientList((state) => state.total !== null)
  const searching = useClientList(selectSearching)
  const activeIndex = useClientList((state) => state.activeIndex)
  const error = useClientList((state) => state.error)
  const focus = useRoute((state) => state.focus)
  const status = useStatus((state) => state.status)

  const searchRef = useRef<HTMLInputElement>(null)
  const listRef = useRef<HTMLDivElement>(null)

  // TanStack Virtual hands back a mutable instance; nothing here memoizes it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => listRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
    initialOffset: () => stores.clients.getState().scrollOffset,
    useFlushSync: false,
  })
  const rows = virtualizer.getVirtualItems()
  const firstRow = rows[0]?.index ?? 0
  const lastRow = rows.at(-1)?.index ?? 0

  useEffect(() => {
    stores.clients.getState().ensureRows(firstRow, lastRow)
  }, [stores, firstRow, lastRow, generation, count])

  // Search as the user types, once they pause.
  useEffect(() => {
    if (search.trim() === query) return
    const timer = setTimeout(() => {
      stores.clients.getState().applySearch()
      virtualizer.scrollToOffset(0)
    }, SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [stores, virtualizer, search, query])

  // Focus asked for by a shortcut or by coming back from a client.
  useEffect(() => {
    if (focus === null) return
    const target = focus === 'list' ? (listRef.current ?? searchRef.current) : searchRef.current
    target?.focus()
    if (target === searchRef.current) searchRef.current?.select()
    if (focus === 'list') virtualizer.scrollToIndex(stores.clients.getState().activeIndex, { align: 'auto' })
    stores.route.getState().focusTaken()
  }, [stores, virtualizer, focus])

  // Coming back to the list finds it where it was left.
  useEffect(() => {
    const list = stores.clients
    return () => list.getState().rememberScroll(virtualizer.scrollOffset ?? 0)
  }, [stores, virtualizer])

  const open = useCallback((client: Client) => stores.route.getState().navigate({ name: 'client', id: client.id }), [stores])

  function moveTo(index: number): void {
    if (count === 0) return
    const next = Math.max(0, Math.min(index, count - 1))
    stores.clients.getState().setActive(next)
    virtualizer.scrollToIndex(next, { align: 'auto' })
  }

  function onListKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    const pageRows = Math.max(1, Math.floor((listRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: activeIndex + 1,
      ArrowUp: activeIndex - 1,
      PageDown: activeIndex + pageRows,
      PageUp: activeIndex - pageRows,
      Home: 0,
      End: count - 1,
    }
    const target = moves[event.key]
    if (target !== undefined) {
      event.preventDefault()
      if (event.key === 'ArrowUp' && activeIndex === 0) {
        searchRef.current?.focus()
        return
      }
      moveTo(target)
    } else if (event.key === 'Enter') {
      const client = clientAt(stores.clients.getState(), activeIndex)
      if (client) {
        event.preventDefault()
        open(client)
      }
    }
  }

  function onSearchKeyDown(event: KeyboardEvent<HTMLInputElement>): void {
    if (event.key === 'ArrowDown' && count > 0) {
      event.preventDefault()
      listRef.current?.focus()
    } else if (event.key === 'Enter') {
      event.preventDefault()
      const state = stores.clients.getState()
      if (state.search.trim() !== state.query) {
        state.applySearch()
        virtualizer.scrollToOffset(0)
        return
      }
      const client = clientAt(state, state.activeIndex)
      if (client) open(client)
    }
  }

  const activeRendered = rows.some((row) => row.index === activeIndex)
  const shortcut = isMac ? '⌘K' : 'Ctrl+K'

  return (
    <div className="page clients-page">
      <header className="page-header">
        <h1 id={headingId}>{t('clients.heading')}</h1>
        <p className="clients-count" aria-live="polite">
          {totalKnown && !searching ? t('count.clients', { count }) : t('clients.searching')}
        </p>
      </header>
      <div className="search-row">
        <label className="search-label" htmlFor={`${ids}-search`}>
          {t('clients.search')}
        </label>
        <div className="search-box">
          <SearchIcon />
          <input
            id={`${ids}-search`}
            ref={searchRef}
            className="input search-input"
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder={t('clients.searchPlaceholder')}
            aria-controls={count > 0 ? listId : undefined}
            aria-keyshortcuts="Control+K Meta+K"
            value={search}
            onChange={(event) => stores.clients.getState().setSearch(event.target.value)}
            onKeyDown={onSearchKeyDown}
          />
          <kbd className="search-shortcut" title={t('clients.shortcut', { keys: shortcut })} aria-hidden="true">
            {shortcut}
          </kbd>
        </div>
      </div>

      {error && (
        <div className="notice notice-error" role="alert">
          {t('clients.loadFailed', { reason: describeError(t, error) })}{' '}
          <button type="button" className="button button-small" onClick={() => stores.clients.getState().ensureRows(firstRow, lastRow)}>
            {t('clients.retry')}
          </button>
        </div>
      )}

      {count > 0 ? (
        <div className="client-table">
          <div className="client-row client-header" aria-hidden="true">
            <span className="cell">{t('clients.columns.name')}</span>
            <span className="cell">{t('clients.columns.company')}</span>
            <span className="cell">{t('clients.columns.email')}</span>
            <span className="cell">{t('clients.columns.status')}</span>
            <span className="cell">{t('clients.columns.since')}</span>
          </div>
          <div
            id={listId}
            ref={listRef}
            className="client-list"
            role="listbox"
            tabIndex={0}
            aria-labelledby={headingId}
            aria-activedescendant={activeRendered ? rowId(activeIndex) : undefined}
            aria-busy={searching || undefined}
            onKeyDown={onListKeyDown}
          >
            <div role="presentation" className="client-list-canvas" style={{ height: virtualizer.getTotalSize() }}>
              {rows.map((row) => (
                <ClientRow
                  key={row.key}
                  id={rowId(row.index)}
                  index={row.index}
                  count={count}
                  start={row.start}
                  active={row.index === activeIndex}
                  onOpen={open}
                />
              ))}
            </div>
          </div>
        </div>
      ) : (
        totalKnown && !searching && <EmptyState query={query} hasPortal={status?.portal != null} />
      )}
    </div>
  )
}

interface ClientRowProps {
  id: string
  index: number
  count: number
  start: number
  active: boolean
  onOpen: (client: Client) => void
}

// Memoized: while scrolling, only the rows that come into view render.
const ClientRow = memo(function ClientRow({ id, index, count, start, active, onOpen }: ClientRowProps): ReactNode {
  const { t } = useTranslation()
  const format = useFormat()
  const stores = useStores()
  const client = useClientList((state) => clientAt(state, index))
  const style = { height: ROW_HEIGHT, transform: `translateY(${start}px)` }
  const common = {
    id,
    role: 'option',
    'aria-selected': active,
    'aria-posinset': index + 1,
    'aria-setsize': count,
    className: active ? 'client-row client-row-active' : 'client-row',
    style,
  } as const
  if (!client) {
    return (
      <div {...common} aria-busy="true">
        <span className="cell cell-placeholder">{t('clients.loadingRow')}</span>
      </div>
    )
  }
  const name = `${client.firstName} ${client.lastName}`.trim()
  return (
    <div
      {...common}
      onClick={() => {
        stores.clients.getState().setActive(index)
        onOpen(client)
      }}
    >
      <span className="cell cell-name">{name}</span>
      <span className="cell">{client.companyName}</span>
      <span className="cell cell-email">{client.email}</span>
      <span className="cell">
        <span className={`badge badge-${client.status.toLowerCase()}`}>{t(`clients.status.${client.status}`)}</span>
      </span>
      <span className="cell cell-date">{client.createdOn ? format.day(client.createdOn) : ''}</span>
    </div>
  )
})

function EmptyState({ query, hasPortal }: { query: string; hasPortal: boolean }): ReactNode {
  const { t } = useTranslation()
  if (query !== '') return <p className="empty-state">{t('clients.empty.noMatch', { search: query })}</p>
  return <p className="empty-state">{t(hasPortal ? 'clients.empty.notSynced' : 'clients.empty.noPortal')}</p>
}

function SearchIcon(): ReactNode {
  return (
    <svg className="icon search-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <circle cx="10.5" cy="10.5" r="6.5" />
      <path d="M15.5 15.5 21 21" />
    </svg>
  )
}
