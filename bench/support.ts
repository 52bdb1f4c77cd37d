// Shared by the benchmarks: demo data as the domain's clients, and throwaway SQLite files.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { openDatabase, type Db } from '../src/main/core/db/database'
import type { DemoClient } from '../src/main/demo-portal/data'
import type { Client } from '../src/shared/domain'

/** What GetClients would give the core for this demo client (get-clients.ts maps the wire the same way). */
export function toClient(demo: DemoClient): Client {
  return {
    id: demo.id,
    firstName: demo.firstname,
    lastName: demo.lastname,
    companyName: demo.companyname,
    email: demo.email,
    status: demo.status,
    createdOn: demo.datecreated,
    groupId: demo.groupid,
  }
}

/** A temp directory whose SQLite files (real files, WAL and all, as the app's cache) are removed at the end. */
export function benchDir(prefix: string): { open(name: string): Db; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), prefix))
  const open: Db[] = []
  return {
    open(name) {
      const db = openDatabase(join(path, name))
      open.push(db)
      return db
    },
    remove() {
      for (const db of open) if (db.open) db.close()
      rmSync(path, { recursive: true, force: true })
    },
  }
}
