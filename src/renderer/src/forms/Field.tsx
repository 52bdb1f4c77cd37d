// A labelled form control with its hint, its error and its warnings, wired for assistive technology.
import { useId, type InputHTMLAttributes, type ReactNode } from 'react'

interface FieldProps {
  label: string
  hint?: string
  error?: string | undefined
  /** What deserves a look but does not block (a likely typo, an address on the client's own domain). */
  warning?: ReactNode
  required?: boolean
  className?: string
  children: (control: { id: string; 'aria-describedby': string | undefined; 'aria-invalid': true | undefined }) => ReactNode
}

export function Field({ label, hint, error, warning, required, className, children }: FieldProps): ReactNode {
  const id = useId()
  const hintId = `${id}-hint`
  const errorId = `${id}-error`
  const warningId = `${id}-warning`
  const describedBy = [error ? errorId : null, warning ? warningId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined
  return (
    <div className={[error ? 'field field-invalid' : 'field', className].filter(Boolean).join(' ')}>
      <label className="field-label" htmlFor={id}>
        {label}
        {required && <span aria-hidden="true"> *</span>}
      </label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {error && (
        <p className="field-error" id={errorId}>
          {error}
        </p>
      )}
      {warning && (
        <div className="field-warning" id={warningId}>
          {warning}
        </div>
      )}
      {hint && (
        <p className="field-hint" id={hintId}>
          {hint}
        </p>
      )}
    </div>
  )
}

/** What the input itself takes (type, autoComplete, inputMode, spellCheck, aria-required, onBlur…); the Field wires the rest. */
type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'aria-describedby' | 'aria-invalid' | 'className' | 'value' | 'onChange'>

interface TextFieldProps extends Omit<FieldProps, 'children'> {
  value: string
  onChange: (value: string) => void
  input?: InputAttributes
}

/** A Field holding one text input, the most common form control. */
export function TextField({ value, onChange, input, ...field }: TextFieldProps): ReactNode {
  return (
    <Field {...field}>
      {(control) => <input {...control} className="input" {...input} value={value} onChange={(event) => onChange(event.target.value)} />}
    </Field>
  )
}
