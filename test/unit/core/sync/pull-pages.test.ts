// The pager of a whole-portal pull: overlapping pages applied one at a time as they arrive, and a listing
// called complete only when its pages join up (so a shifted listing never removes anything).
import { describe, expect, it } from 'vitest'
import { pullListing, type FetchPage } from '../../../../src/main/core/sync/pull-pages'

interface Row {
  id: number
}

/** A portal list held in `rows`, which a test may change between requests; every request is counted. */
function list(count: number) {
  const rows: Row[] = Array.from({ length: count }, (_, index) => ({ id: index + 1 }))
  const requests: { limitstart: number; limitnum: number }[] = []
  const fetchPage: FetchPage<Row> = async ({ limitstart, limitnum }) => {
    requests.push({ limitstart, limitnum })
    await Promise.resolve()
    return { total: rows.length, items: rows.slice(limitstart, limitstart + limitnum) }
  }
  return { rows, requests, fetchPage }
}

async function pull(source: { fetchPage: FetchPage<Row> }, pageSize = 100, concurrency = 3) {
  const applied: number[] = []
  let applying = 0
  let overlapped = false
  const listing = await pullListing<Row>({
    fetchPage: source.fetchPage,
    idOf: (row) => row.id,
    pageSize,
    concurrency,
    phase: 'clients',
    apply: async (items, _readAt, done) => {
      if (applying++ > 0) overlapped = true
      await new Promise((resolve) => setImmediate(resolve))
      applied.push(...items.map((row) => row.id))
      done(items.length)
      applying--
    },
  })
  return { listing, applied, overlapped }
}

describe('pullListing', () => {
  it('reads every record once in overlapping pages, one page applied at a time, and calls it complete', async () => {
    const source = list(1_234)
    const { listing, applied, overlapped } = await pull(source)
    expect(applied.slice().sort((a, b) => a - b)).toEqual(source.rows.map((row) => row.id))
    expect(listing.complete).toBe(true)
    expect(listing.seen.size).toBe(1_234)
    expect(overlapped).toBe(false)
    // ⌈1,234 / 100⌉ requests, each asking for one record more than a page: the overlap with the next.
    expect(source.requests).toHaveLength(13)
    expect(source.requests.every((request) => request.limitnum === 101 && request.limitstart % 100 === 0)).toBe(true)
  })

  it('needs no extra request for a list that fills its last page exactly, or for an empty one', async () => {
    const exact = list(1_000)
    expect((await pull(exact)).listing.complete).toBe(true)
    expect(exact.requests).toHaveLength(10)
    const empty = list(0)
    const { listing } = await pull(empty)
    expect(listing).toMatchObject({ complete: true })
    expect(empty.requests).toHaveLength(1)
  })

  it('a record removed on the portal mid-listing shifts the offsets: the listing is not complete', async () => {
    const source = list(450)
    const fetchPage: FetchPage<Row> = async (page) => {
      const answer = await source.fetchPage(page)
      // Someone deletes record 50 right after the first page was read: every later offset moves by one.
      if (page.limitstart === 0) source.rows.splice(49, 1)
      return answer
    }
    const { listing } = await pull({ fetchPage }, 100, 1)
    expect(listing.complete).toBe(false)
  })

  it('a record added mid-listing is read too (the pager reads on), and the listing is not complete', async () => {
    const source = list(300)
    const fetchPage: FetchPage<Row> = async (page) => {
      const answer = await source.fetchPage(page)
      if (page.limitstart === 0) source.rows.push({ id: 301 })
      return answer
    }
    const { listing, applied } = await pull({ fetchPage }, 100, 1)
    expect(applied).toContain(301)
    expect(listing.complete).toBe(false)
  })

  it('a page that comes back shorter than asked, mid-list, leaves it incomplete', async () => {
    const source = list(400)
    const fetchPage: FetchPage<Row> = async (page) => {
      const answer = await source.fetchPage(page)
      return page.limitstart === 100 ? { ...answer, items: answer.items.slice(0, 50) } : answer
    }
    expect((await pull({ fetchPage })).listing.complete).toBe(false)
  })

  it('stops at the first failure: no page after it is applied', async () => {
    const source = list(1_000)
    const fetchPage: FetchPage<Row> = async (page) => {
      if (page.limitstart === 300) throw new Error('portal down')
      return source.fetchPage(page)
    }
    await expect(pull({ fetchPage }, 100, 1)).rejects.toThrow('portal down')
  })

  it('with requests in flight, once one fails: the others are cancelled, and nothing they bring is applied, then or later', async () => {
    const source = list(1_000)
    const applied: number[] = []
    const cancelled: number[] = []
    const fetchPage: FetchPage<Row> = async (page) => {
      // The page at 200 fails at once; the two others in flight answer later, unless they are cancelled.
      if (page.limitstart === 200) throw new Error('portal down')
      if (page.limitstart === 0) return source.fetchPage(page)
      await new Promise((resolve) => setTimeout(resolve, 20))
      if (page.signal?.aborted) cancelled.push(page.limitstart)
      return source.fetchPage(page)
    }
    const run = pullListing<Row>({
      fetchPage,
      idOf: (row) => row.id,
      pageSize: 100,
      concurrency: 3,
      phase: 'clients',
      apply: async (items, _readAt, done) => {
        applied.push(...items.map((row) => row.id))
        done(items.length)
      },
    })
    await expect(run).rejects.toThrow('portal down')
    await new Promise((resolve) => setTimeout(resolve, 50))
    // Only the first page (and its overlap) is in: the pages in flight beside the failed one were cancelled, not applied.
    expect(applied).toEqual(Array.from({ length: 101 }, (_, i) => i + 1))
    expect(cancelled.sort((a, b) => a - b)).toEqual([100, 300])
  })

  it('stops when cancelled, before applying the next page', async () => {
    const source = list(1_000)
    const controller = new AbortController()
    const applied: number[] = []
    const run = pullListing<Row>({
      fetchPage: source.fetchPage,
      idOf: (row) => row.id,
      pageSize: 100,
      concurrency: 1,
      phase: 'contacts',
      signal: controller.signal,
      apply: async (items, _readAt, done) => {
        applied.push(...items.map((row) => row.id))
        done(items.length)
        if (applied.length >= 200) controller.abort(new Error('cancelled'))
      },
    })
    await expect(run).rejects.toThrow('cancelled')
    // The first page's 101 records (its overlap included) and the second's 100 new ones; nothing after the cancel.
    expect(applied).toHaveLength(201)
  })
})
