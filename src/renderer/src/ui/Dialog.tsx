// A modal dialog: labelled by its title, the rest of the page inert while it is open, Tab kept inside,
// Esc closes, Ctrl/Cmd+S saves (where the dialog edits something), and the focus goes back where it was.
import { useEffect, useId, useRef, type KeyboardEvent, type ReactNode } from 'react'
import { createPortal } from 'react-dom'
import { useTranslation } from 'react-i18next'
import './dialog.css'

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',')

/** Open dialogs, the top one last: only it is reachable; everything else on the page is inert. */
const stack: HTMLElement[] = []
const INERT_MARK = 'data-dialog-inert'

function applyInert(): void {
  const top = stack.at(-1)
  for (const child of Array.from(document.body.children)) {
    if (!(child instanceof HTMLElement)) continue
    const shouldBeInert = top !== undefined && child !== top
    if (shouldBeInert && !child.hasAttribute('inert')) {
      child.setAttribute('inert', '')
      child.setAttribute(INERT_MARK, '')
    } else if (!shouldBeInert && child.hasAttribute(INERT_MARK)) {
      child.removeAttribute('inert')
      child.removeAttribute(INERT_MARK)
    }
  }
}

/** Whether a modal dialog is open (global shortcuts stay quiet then). */
export const dialogOpen = (): boolean => stack.length > 0

export interface DialogProps {
  title: string
  /** A sentence under the title, read with it. */
  description?: ReactNode
  onClose: () => void
  /** Ctrl/Cmd+S: the dialog's save action. */
  onSave?: () => void
  children: ReactNode
  footer?: ReactNode
  size?: 'small' | 'medium' | 'large'
  /** Where the focus goes when the dialog closes and the control that opened it is gone. */
  fallbackFocus?: () => HTMLElement | null
  role?: 'dialog' | 'alertdialog'
  /** The body holds long read-only content (a table): it takes the focus, so the keyboard can scroll it. */
  scrollableBody?: boolean
}

export function Dialog({
  title,
  description,
  onClose,
  onSave,
  children,
  footer,
  size = 'medium',
  fallbackFocus,
  role = 'dialog',
  scrollableBody,
}: DialogProps): ReactNode {
  const { t } = useTranslation()
  const ids = useId()
  const titleId = `${ids}-title`
  const descriptionId = `${ids}-description`
  const overlayRef = useRef<HTMLDivElement>(null)
  const panelRef = useRef<HTMLDivElement>(null)
  const fallbackRef = useRef(fallbackFocus)
  useEffect(() => {
    fallbackRef.current = fallbackFocus
  }, [fallbackFocus])

  useEffect(() => {
    const overlay = overlayRef.current
    const panel = panelRef.current
    if (!overlay || !panel) return
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    stack.push(overlay)
    applyInert()
    // The first field of the body, not the close button: where work starts.
    const first =
      panel.querySelector<HTMLElement>('[data-autofocus]') ??
      panel.querySelector<HTMLElement>(`.dialog-body :is(${FOCUSABLE})`) ??
      panel.querySelector<HTMLElement>(FOCUSABLE) ??
      panel
    first.focus()
    return () => {
      const index = stack.indexOf(overlay)
      if (index >= 0) stack.splice(index, 1)
      applyInert()
      const target = opener?.isConnected && opener !== document.body ? opener : (fallbackRef.current?.() ?? document.getElementById('main'))
      target?.focus()
    }
  }, [])

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>): void {
    if (event.key === 'Escape') {
      event.preventDefault()
      event.stopPropagation()
      onClose()
      return
    }
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 's') {
      event.preventDefault()
      event.stopPropagation()
      onSave?.()
      return
    }
    if (event.key !== 'Tab') return
    const panel = panelRef.current
    if (!panel) return
    const focusable = Array.from(panel.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((element) => !element.closest('[inert]'))
    const first = focusable[0]
    const last = focusable.at(-1)
    if (!first || !last) {
      event.preventDefault()
      return
    }
    const active = document.activeElement
    if (event.shiftKey && (active === first || active === panel)) {
      event.preventDefault()
      last.focus()
    } else if (!event.shiftKey && active === last) {
      event.preventDefault()
      first.focus()
    }
  }

  return createPortal(
    <div className="dialog-overlay" ref={overlayRef} onKeyDown={onKeyDown}>
      <div
        ref={panelRef}
        className={`dialog dialog-${size}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
      >
        <header className="dialog-header">
          <h2 id={titleId}>{title}</h2>
          <button type="button" className="dialog-close" aria-label={t('dialog.close')} title={t('dialog.closeHint')} onClick={onClose}>
            <span aria-hidden="true">×</span>
          </button>
        </header>
        {description && (
          <div className="dialog-description" id={descriptionId}>
            {description}
          </div>
        )}
        <div
          className="dialog-body"
          tabIndex={scrollableBody ? 0 : undefined}
          aria-label={scrollableBody ? title : undefined}
          role={scrollableBody ? 'region' : undefined}
        >
          {children}
        </div>
        {footer && <footer className="dialog-footer">{footer}</footer>}
      </div>
    </div>,
    document.body,
  )
}

export interface ConfirmDialogProps {
  title: string
  message: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onCancel: () => void
  danger?: boolean
  /** The confirm button does nothing (a request is out, or the choice is not complete yet). */
  busy?: boolean
  error?: string | null
  /** What the choice needs beyond its message (a warning, a checkbox), above any error. */
  children?: ReactNode
}

/** "Are you sure?": the safe choice (Cancel) has the focus first. */
export function ConfirmDialog({ title, message, confirmLabel, onConfirm, onCancel, danger, busy, error, children }: ConfirmDialogProps): ReactNode {
  const { t } = useTranslation()
  return (
    <Dialog
      title={title}
      description={message}
      onClose={onCancel}
      size="small"
      role="alertdialog"
      footer={
        <>
          <button type="button" className="button" onClick={onCancel} data-autofocus>
            {t('dialog.cancel')}
          </button>
          <button
            type="button"
            className={danger ? 'button button-danger' : 'button button-primary'}
            aria-disabled={busy || undefined}
            onClick={() => {
              if (!busy) onConfirm()
            }}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      {children}
      {error && (
        <p className="notice notice-error" role="alert">
          {error}
        </p>
      )}
    </Dialog>
  )
}

interface SaveFooterProps {
  /** The save button's text (it says what saving is doing while `saving`). */
  label: string
  saving: boolean
  onCancel: () => void
  /** Saves on click; or, with `form`, the button submits that form instead. */
  onSave?: () => void
  form?: string
}

/** The footer of a dialog that edits something: the shortcut hint, Cancel, and Save. */
export function SaveFooter({ label, saving, onCancel, onSave, form }: SaveFooterProps): ReactNode {
  const { t } = useTranslation()
  return (
    <>
      <span className="footer-hint">{t('dialog.saveHint')}</span>
      <button type="button" className="button" onClick={onCancel}>
        {t('dialog.cancel')}
      </button>
      <button type={form ? 'submit' : 'button'} form={form} className="button button-primary" aria-disabled={saving || undefined} onClick={onSave}>
        {label}
      </button>
    </>
  )
}
