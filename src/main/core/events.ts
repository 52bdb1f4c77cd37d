// Fan-out of main's push events: the desk emits once; IPC, the bridge's streams and tests listen.
import type { Emit, EventName, EventPayload } from '../../shared/contract'

export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void

export interface EventHub {
  emit: Emit
  /** Adds a listener for every event; returns its removal. */
  listen(sink: EventSink): () => void
}

export function createEventHub(): EventHub {
  const sinks = new Set<EventSink>()
  return {
    emit: (event, payload) => {
      for (const sink of sinks) sink(event, payload)
    },
    listen(sink) {
      sinks.add(sink)
      return () => void sinks.delete(sink)
    },
  }
}
