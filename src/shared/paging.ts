// Reading a whole listing of the contract (clients.list, reachability.list, reachability.duplicates) page after page.

/** The most one page of a listing may hold (the contract's `limit`). */
export const MAX_PAGE = 1000

/** The first page of a listing and the pages after it, up to `wanted` items; `next` throws where a page fails. */
export async function withTheRest<T>(
  first: { items: T[]; total: number },
  wanted: number,
  next: (offset: number, limit: number) => Promise<{ items: T[]; total: number }>,
): Promise<T[]> {
  const items = [...first.items]
  let page = first
  while (page.items.length > 0 && items.length < Math.min(page.total, wanted)) {
    page = await next(items.length, Math.min(MAX_PAGE, wanted - items.length))
    items.push(...page.items)
  }
  return items
}
