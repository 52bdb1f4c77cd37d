// Saving a file the screen made (a CSV export): a download, which Electron and a browser both turn into "save as".

/** Saves CSV text under `name`, with a BOM so Excel reads it as UTF-8. */
export function downloadCsv(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob(['\ufeff', text], { type: 'text/csv;charset=utf-8' }))
  const link = document.createElement('a')
  link.href = url
  link.download = name
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
