// The one module that knows the SQLite driver (docs/ARCHITECTURE.md §6.1: better-sqlite3 12.x today, its encrypting
// fork tomorrow). Opening a file runs the migrations; a file from a newer Contact Desk is refused untouched.
import Database from 'better-sqlite3'
import { existsSync } from 'node:fs'
import { DeskFailure } from '../../../shared/errors'
import { MIGRATIONS, type Migration } from './migrations'

export type Db = Database.Database

/** The page cache of a connection, in KiB. */
const CACHE_KIB = 64 * 1024

export interface OpenOptions {
  /** Test seam: the migration list to apply (defaults to the app's). */
  migrations?: readonly Migration[]
  /** Where a native build of the driver for another runtime lives (Electron, docs/ARCHITECTURE.md §10). */
  nativeBinding?: string
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const migrations = options.migrations ?? MIGRATIONS
  assertOrdered(migrations)
  const latest = migrations.at(-1)?.version ?? 0
  const driverOptions = options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}
  if (file !== ':memory:' && existsSync(file)) {
    // Look before touching: even setting WAL mode would write to a database we must leave alone.
    const peek = new Database(file, { ...driverOptions, readonly: true, fileMustExist: true })
    const version = userVersion(peek)
    peek.close()
    if (version > latest) {
      throw new DeskFailure(
        'database_too_new',
        `The local cache ${file} was written by a newer version of Contact Desk (schema ${version}; this version knows up to ${latest}). ` +
          'Update Contact Desk; the file was left untouched.',
        { file, found: String(version), known: String(latest) },
      )
    }
  }
  const db = new Database(file, driverOptions)
  immediateTransactions(db)
  reuseStatements(db)
  try {
    db.pragma('journal_mode = WAL')
    db.pragma('foreign_keys = ON')
    db.pragma('busy_timeout = 5000')
    db.pragma('synchronous = NORMAL')
    db.pragma('temp_store = MEMORY')
    // 64 MiB of pages kept in memory (SQLite's default is 2 MiB): a 100,000-client cache is some 300 MB, and a search
    // across contacts visits thousands of rows. Memory stays bounded, well under what the process may use.
    db.pragma(`cache_size = ${-CACHE_KIB}`)
    migrate(db, migrations)
    return db
  } catch (error) {
    db.close()
    throw error
  }
}

/**
 * Every transaction here writes, and the cache is shared by processes (the app, the CLI). In WAL mode a
 * DEFERRED transaction that reads first fails at once with SQLITE_BUSY ("database is locked") when it comes to
 * write after another process committed: its snapshot is stale, so busy_timeout cannot help. IMMEDIATE takes
 * the write lock up front, waiting its turn (busy_timeout), so an edit made while another process syncs goes through.
 */
function immediateTransactions(db: Db): void {
  const transaction = db.transaction.bind(db)
  db.transaction = ((fn: Parameters<Db['transaction']>[0]) => transaction(fn).immediate) as Db['transaction']
}

/** Statements kept per connection: compiling one costs more than running it, and sync runs the same few 100,000s of times. */
const STATEMENT_CACHE_SIZE = 256

/**
 * `db.prepare` answers the same SQL with the same compiled statement (the least recently used ones are let go).
 * A statement comes back in its plain mode (a caller's `.pluck()` or `.raw()` does not stick to the next caller); none of
 * ours iterates a statement while running the same SQL again, which a shared statement would refuse ("busy").
 */
function reuseStatements(db: Db): void {
  const prepare = db.prepare.bind(db)
  const cache = new Map<string, Database.Statement>()
  db.prepare = ((sql: string) => {
    let statement = cache.get(sql)
    if (statement) {
      cache.delete(sql)
      if (statement.reader) statement.pluck(false).raw(false).expand(false)
    } else {
      statement = prepare(sql)
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string)
    }
    cache.set(sql, statement)
    return statement
  }) as Db['prepare']
}

export function userVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number
}

/** Applies each pending migration in its own transaction, together with its user_version bump. */
export function migrate(db: Db, migrations: readonly Migration[]): void {
  assertOrdered(migrations)
  const current = userVersion(db)
  const latest = migrations.at(-1)?.version ?? 0
  if (current > latest) {
    throw new DeskFailure('database_too_new', `Database schema ${current} is newer than this version of Contact Desk knows (${latest}).`)
  }
  for (const migration of migrations) {
    if (migration.version <= current) continue
    db.transaction(() => {
      migration.up(db)
      // user_version takes no bound parameter; the value is an integer we assert on load.
      db.pragma(`user_version = ${migration.version}`)
    })()
  }
}

/**
 * Versions must be positive whole numbers, each above the one before: the order is the list's, never kept by hand
 * elsewhere. A gap is allowed: work on parallel branches numbers its migrations ahead of each other's.
 */
function assertOrdered(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    const previous = index === 0 ? 0 : (migrations[index - 1]?.version ?? 0)
    if (!Number.isInteger(migration.version) || migration.version <= previous) {
      throw new Error(`Migration "${migration.name}" has version ${migration.version}; expected a whole number above ${previous}`)
    }
  })
}

/**
 * Copies the WAL into the database file as far as no reader holds it back (PASSIVE: it never waits). SQLite would
 * do it by itself at the commit that makes the WAL big, whichever that is — a staff edit during a pull, kept waiting.
 */
export function checkpoint(db: Db): void {
  db.pragma('wal_checkpoint(PASSIVE)')
}

/** Turns SQLite's own checkpoints off (the caller checkpoints between its transactions); returns what turns them back on. */
export function pauseAutoCheckpoint(db: Db): () => void {
  const automatic = db.pragma('wal_autocheckpoint', { simple: true }) as number
  db.pragma('wal_autocheckpoint = 0')
  return () => void db.pragma(`wal_autocheckpoint = ${Number(automatic)}`)
}
