// Secrets live behind this interface (docs/ARCHITECTURE.md §4.2, §9.4): Electron implements it with safeStorage,
// the CLI and tests with memory. Nothing else in the core ever persists a secret.

export interface SecretStore {
  /** Whether secrets survive a restart (an OS keychain is at hand). When false, they live for this process only. */
  readonly persistent: boolean
  get(key: string): string | null
  set(key: string, value: string): void
  delete(key: string): void
  /** The keys held, so the thread that runs the core can be handed a copy of them (desk-thread/host.ts). */
  keys(): string[]
}

/** Keeps secrets for the running process only. */
export function createMemorySecretStore(): SecretStore {
  const values = new Map<string, string>()
  return {
    persistent: false,
    get: (key) => values.get(key) ?? null,
    set: (key, value) => void values.set(key, value),
    delete: (key) => void values.delete(key),
    keys: () => [...values.keys()],
  }
}
