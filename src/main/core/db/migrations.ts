// Numbered schema migrations. Never edit one that has shipped: add the next.
import type Database from 'better-sqlite3'

export interface Migration {
  version: number
  name: string
  up(db: Database.Database): void
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'cache identity and clients',
    up(db) {
      db.exec(`
        -- Which portal this cache was filled from (DESIGN §6: one cache per portal).
        CREATE TABLE meta (
          key   TEXT PRIMARY KEY,
          value TEXT NOT NULL
        ) STRICT;

        -- Clients as the portal lists them; the portal's id is their identity (they are never created here).
        CREATE TABLE clients (
          id           INTEGER PRIMARY KEY,
          first_name   TEXT NOT NULL,
          last_name    TEXT NOT NULL,
          company_name TEXT NOT NULL,
          email        TEXT NOT NULL,
          status       TEXT NOT NULL,
          created_on   TEXT,
          group_id     INTEGER NOT NULL,
          -- Accent- and case-folded name, for a stable alphabetical list.
          sort_key     TEXT NOT NULL,
          -- Hash of the portal's last known state (the base), to detect remote changes without a version.
          remote_hash  TEXT NOT NULL,
          fetched_at   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX clients_by_sort_key ON clients (sort_key, id);
      `)
    },
  },
  {
    version: 2,
    name: 'client search (FTS5)',
    up(db) {
      db.exec(`
        -- Contentless: the text lives in clients; the index only answers "which rows match".
        CREATE VIRTUAL TABLE clients_fts USING fts5(
          name, company, email,
          content = '', contentless_delete = 1, prefix = '1 2 3',
          tokenize = 'unicode61 remove_diacritics 2'
        );
        CREATE TRIGGER clients_fts_insert AFTER INSERT ON clients BEGIN
          INSERT INTO clients_fts (rowid, name, company, email)
          VALUES (new.id, new.first_name || ' ' || new.last_name, new.company_name, new.email);
        END;
        CREATE TRIGGER clients_fts_delete AFTER DELETE ON clients BEGIN
          DELETE FROM clients_fts WHERE rowid = old.id;
        END;
        CREATE TRIGGER clients_fts_update AFTER UPDATE OF first_name, last_name, company_name, email ON clients BEGIN
          DELETE FROM clients_fts WHERE rowid = old.id;
          INSERT INTO clients_fts (rowid, name, company, email)
          VALUES (new.id, new.first_name || ' ' || new.last_name, new.company_name, new.email);
        END;
        INSERT INTO clients_fts (rowid, name, company, email)
          SELECT id, first_name || ' ' || last_name, company_name, email FROM clients;
      `)
    },
  },
  {
    version: 3,
    name: 'sync runs',
    up(db) {
      db.exec(`
        -- One row per sync attempt: what the status bar and the CLI report as "last sync".
        CREATE TABLE sync_runs (
          id          INTEGER PRIMARY KEY,
          started_at  TEXT NOT NULL,
          finished_at TEXT NOT NULL,
          ok          INTEGER NOT NULL CHECK (ok IN (0, 1)),
          summary     TEXT,
          error       TEXT
        ) STRICT;
      `)
    },
  },
  {
    version: 4,
    name: '8.x invites',
    up(db) {
      db.exec(`
        -- WHMCS 8 cannot list, resend or cancel invites (whmcs-api.md §4): we remember the ones we send.
        CREATE TABLE invites (
          id          INTEGER PRIMARY KEY,
          client_id   INTEGER NOT NULL,
          email       TEXT NOT NULL,
          -- Lowercased e-mail: the same person however it was typed.
          email_key   TEXT NOT NULL,
          permissions TEXT NOT NULL,
          -- sending: asked, answer not (yet) known — it may have gone out, so it is never re-sent without asking.
          state       TEXT NOT NULL CHECK (state IN ('sending', 'pending', 'accepted')),
          sent_at     TEXT NOT NULL,
          accepted_by INTEGER,
          UNIQUE (client_id, email_key)
        ) STRICT;
      `)
    },
  },
]
