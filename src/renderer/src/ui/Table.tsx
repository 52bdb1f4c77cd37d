// A table of records: its caption for assistive technology, one header row of columns, the rows as children.
import type { ReactNode } from 'react'

interface TableProps {
  caption: string
  columns: readonly ReactNode[]
  /** Beside `table`, for the screen's own column widths. */
  className?: string
  children: ReactNode
}

export function Table({ caption, columns, className, children }: TableProps): ReactNode {
  return (
    <div className="table-wrap">
      <table className={className ? `table ${className}` : 'table'}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column, index) => (
              <th key={index} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  )
}
