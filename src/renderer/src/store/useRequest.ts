// A one-off call from a screen (test a connection, save a name): its state is derived from the call itself,
// and only the latest call's answer is shown.
import { useCallback, useRef, useState } from 'react'
import type { Result } from '../../../shared/errors'

export type RequestState<K extends string, T> = { state: 'idle' } | { state: 'pending'; kind: K } | { state: 'done'; kind: K; result: Result<T> }

export function useRequest<K extends string, T>(): [RequestState<K, T>, (kind: K, call: () => Promise<Result<T>>) => Promise<Result<T> | null>] {
  const [state, setState] = useState<RequestState<K, T>>({ state: 'idle' })
  const latest = useRef(0)
  const run = useCallback(async (kind: K, call: () => Promise<Result<T>>) => {
    const id = ++latest.current
    setState({ state: 'pending', kind })
    const result = await call()
    if (id !== latest.current) return null
    setState({ state: 'done', kind, result })
    return result
  }, [])
  return [state, run]
}
