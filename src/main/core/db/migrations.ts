// Numbered schema migrations. Never edit one that has shipped: add the next.
import type Database from 'better-sqlite3'
import { emailKey, holderKeys } from '../../../shared/duplicate-keys'

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
        -- Which portal this cache was filled from (docs/ARCHITECTURE.md §6.1: one cache per portal).
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
        -- WHMCS 8 cannot list, resend or cancel invites (docs/WHMCS.md §4): we remember the ones we send.
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
  {
    version: 5,
    name: 'contacts, owners and users',
    up(db) {
      db.exec(`
        -- A contact: the portal's last known state (base) and this computer's view (data), as JSON
        -- {fields, access}, so the three-way merge works field by field (docs/ARCHITECTURE.md §6.2, §8.3).
        CREATE TABLE contacts (
          local_id          TEXT PRIMARY KEY,
          -- NULL until the portal has it.
          remote_id         INTEGER UNIQUE,
          -- No foreign key: a contact with pending edits outlives its client vanishing from a pull.
          client_id         INTEGER NOT NULL,
          data              TEXT NOT NULL,
          base              TEXT,
          remote_updated_at TEXT,
          -- Deleted here; the portal still has it until the delete is pushed.
          deleted           INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1))
        ) STRICT;
        CREATE INDEX contacts_by_client ON contacts (client_id);

        -- Search over contacts (name, company, e-mail, phone digits, tax id digits), kept by the repository.
        CREATE VIRTUAL TABLE contacts_fts USING fts5(
          name, company, email, phone, tax_id,
          content = '', contentless_delete = 1, prefix = '2 3',
          tokenize = 'unicode61 remove_diacritics 2'
        );

        -- The owner's own e-mail preferences (GetClientsDetails), edited like a contact's.
        CREATE TABLE client_details (
          client_id  INTEGER PRIMARY KEY,
          data       TEXT NOT NULL,
          base       TEXT,
          -- Who could log in when last read (JSON), shown offline with its date.
          logins     TEXT,
          fetched_at TEXT
        ) STRICT;

        -- WHMCS 8 logins (GetUsers) and, read lazily per client, their permissions.
        CREATE TABLE portal_users (
          id         INTEGER PRIMARY KEY,
          email      TEXT NOT NULL,
          email_key  TEXT NOT NULL,
          name       TEXT NOT NULL,
          -- JSON [{clientId, isOwner}]
          clients    TEXT NOT NULL
        ) STRICT;
        CREATE INDEX portal_users_by_email ON portal_users (email_key);
        CREATE TABLE user_permissions (
          client_id   INTEGER NOT NULL,
          user_id     INTEGER NOT NULL,
          permissions TEXT NOT NULL,
          fetched_at  TEXT NOT NULL,
          PRIMARY KEY (client_id, user_id)
        ) STRICT;
      `)
    },
  },
  {
    version: 6,
    name: 'outbox, audit log and conflicts',
    up(db) {
      db.exec(`
        -- Intent-level edits waiting for the portal, written in the same transaction as the edit.
        -- The values sent are the record's current data; base holds what the portal had for each changed key.
        CREATE TABLE outbox (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,
          op              TEXT NOT NULL CHECK (op IN ('create_contact', 'update_contact', 'delete_contact',
                            'grant_access', 'change_access', 'revoke_access', 'set_client_email_preferences')),
          entity_key      TEXT NOT NULL,
          client_id       INTEGER NOT NULL,
          keys            TEXT NOT NULL,
          base            TEXT NOT NULL,
          -- held: waits for a person's decision (an 8.x invite whose answer was lost).
          state           TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'rejected', 'conflict', 'held')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          last_error      TEXT,
          staff           TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          updated_at      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX outbox_by_entity ON outbox (entity_key);

        -- Who changed what, when, from what to what, and when the portal got it.
        CREATE TABLE audit_log (
          id         INTEGER PRIMARY KEY,
          at         TEXT NOT NULL,
          staff      TEXT NOT NULL,
          client_id  INTEGER NOT NULL,
          entity     TEXT NOT NULL CHECK (entity IN ('contact', 'client')),
          entity_key TEXT NOT NULL,
          action     TEXT NOT NULL,
          old        TEXT,
          new        TEXT,
          outbox_id  INTEGER,
          synced_at  TEXT
        ) STRICT;
        CREATE INDEX audit_by_client ON audit_log (client_id, id);
        CREATE INDEX audit_unsynced ON audit_log (outbox_id) WHERE synced_at IS NULL;

        -- Both sides changed the same field: nothing is overwritten until a person decides.
        CREATE TABLE conflicts (
          id          INTEGER PRIMARY KEY,
          entity      TEXT NOT NULL CHECK (entity IN ('contact', 'client')),
          entity_key  TEXT NOT NULL,
          client_id   INTEGER NOT NULL,
          -- a field key, or '*' for "deleted on one side, edited on the other"
          key         TEXT NOT NULL,
          base        TEXT,
          mine        TEXT,
          theirs      TEXT,
          state       TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
          resolution  TEXT,
          created_at  TEXT NOT NULL,
          resolved_at TEXT
        ) STRICT;
        CREATE UNIQUE INDEX conflicts_open ON conflicts (entity, entity_key, key) WHERE state = 'open';
      `)
    },
  },
  {
    version: 7,
    name: 'single-writer lease',
    up(db) {
      db.exec(`
        -- Only one process drains the outbox at a time (docs/ARCHITECTURE.md §8.1); a crashed holder's lease expires.
        CREATE TABLE leases (
          name       TEXT PRIMARY KEY,
          holder     TEXT NOT NULL,
          expires_at INTEGER NOT NULL
        ) STRICT;
      `)
    },
  },
  {
    version: 8,
    name: 'client domains',
    up(db) {
      db.exec(`
        -- Each client's domains (GetClientsDomains): found by domain name in search, and the domain that
        -- would be suspended for the reachability check.
        CREATE TABLE client_domains (
          id          INTEGER PRIMARY KEY,
          client_id   INTEGER NOT NULL,
          domain      TEXT NOT NULL,
          status      TEXT NOT NULL,
          expiry_date TEXT,
          next_due    TEXT
        ) STRICT;
        CREATE INDEX client_domains_by_client ON client_domains (client_id);
        CREATE INDEX client_domains_by_name ON client_domains (domain);
      `)
    },
  },
  {
    version: 9,
    name: 'what each push attempt sent',
    up(db) {
      db.exec(`
        -- Per key, every value an attempt of this entry sent before its answer came back: a portal value
        -- among them is ours (a write whose answer was lost), not another person's change.
        ALTER TABLE outbox ADD COLUMN sent TEXT NOT NULL DEFAULT '{}';
      `)
    },
  },
  {
    version: 10,
    name: 'owner phone and tax id search',
    up(db) {
      db.exec(`
        -- The owner's phone and CPF/CNPJ digits (GetClientsDetails, read when a client is opened; GetClients
        -- has neither), searched like a contact's. rowid = the client's id.
        CREATE VIRTUAL TABLE owners_fts USING fts5(
          phone, tax_id,
          content = '', contentless_delete = 1, prefix = '2 3',
          tokenize = 'unicode61 remove_diacritics 2'
        );
        -- Details removed (a purge): the owner's numbers leave the search with them.
        CREATE TRIGGER owners_fts_delete AFTER DELETE ON client_details BEGIN
          DELETE FROM owners_fts WHERE rowid = old.client_id;
        END;
      `)
    },
  },
  {
    version: 11,
    name: 'when each client was last opened',
    up(db) {
      db.exec(`
        -- When staff last opened each client, for the LGPD purge (housekeeping.ts). A table of its own, not a
        -- column of clients: sync rewrites and deletes client rows (replaceClients), and this must outlive that.
        CREATE TABLE client_opened (
          client_id INTEGER PRIMARY KEY,
          opened_at TEXT NOT NULL
        ) STRICT;
        -- What was read before this table existed was read by opening the client: its read time stands in.
        INSERT INTO client_opened (client_id, opened_at)
          SELECT client_id, MAX(at) FROM (
            SELECT client_id, COALESCE(fetched_at, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) AS at FROM client_details
            UNION ALL
            SELECT client_id, fetched_at FROM user_permissions
          )
          GROUP BY client_id;
      `)
    },
  },
  {
    version: 12,
    name: 'access of 8.x logins that are not contacts',
    up(db) {
      // SQLite cannot change a CHECK in place: the outbox, audit log and conflicts are copied into tables that
      // admit the new operations and entity, keeping every row, id and the outbox's id sequence.
      const sequence = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'outbox'").pluck().get() as number | undefined
      db.exec(`
        CREATE TABLE outbox_next (
          id              INTEGER PRIMARY KEY AUTOINCREMENT,
          op              TEXT NOT NULL CHECK (op IN ('create_contact', 'update_contact', 'delete_contact',
                            'grant_access', 'change_access', 'revoke_access', 'set_client_email_preferences',
                            'change_login_access', 'revoke_login_access')),
          entity_key      TEXT NOT NULL,
          client_id       INTEGER NOT NULL,
          keys            TEXT NOT NULL,
          base            TEXT NOT NULL,
          state           TEXT NOT NULL CHECK (state IN ('pending', 'failed', 'rejected', 'conflict', 'held')),
          attempts        INTEGER NOT NULL DEFAULT 0,
          next_attempt_at TEXT,
          last_error      TEXT,
          staff           TEXT NOT NULL,
          created_at      TEXT NOT NULL,
          updated_at      TEXT NOT NULL,
          sent            TEXT NOT NULL DEFAULT '{}'
        ) STRICT;
        INSERT INTO outbox_next (id, op, entity_key, client_id, keys, base, state, attempts, next_attempt_at, last_error, staff, created_at, updated_at, sent)
          SELECT id, op, entity_key, client_id, keys, base, state, attempts, next_attempt_at, last_error, staff, created_at, updated_at, sent FROM outbox;
        DROP TABLE outbox;
        ALTER TABLE outbox_next RENAME TO outbox;
        CREATE INDEX outbox_by_entity ON outbox (entity_key);

        CREATE TABLE audit_log_next (
          id         INTEGER PRIMARY KEY,
          at         TEXT NOT NULL,
          staff      TEXT NOT NULL,
          client_id  INTEGER NOT NULL,
          entity     TEXT NOT NULL CHECK (entity IN ('contact', 'client', 'login')),
          entity_key TEXT NOT NULL,
          action     TEXT NOT NULL,
          old        TEXT,
          new        TEXT,
          outbox_id  INTEGER,
          synced_at  TEXT
        ) STRICT;
        INSERT INTO audit_log_next SELECT id, at, staff, client_id, entity, entity_key, action, old, new, outbox_id, synced_at FROM audit_log;
        DROP TABLE audit_log;
        ALTER TABLE audit_log_next RENAME TO audit_log;
        CREATE INDEX audit_by_client ON audit_log (client_id, id);
        CREATE INDEX audit_unsynced ON audit_log (outbox_id) WHERE synced_at IS NULL;

        CREATE TABLE conflicts_next (
          id          INTEGER PRIMARY KEY,
          entity      TEXT NOT NULL CHECK (entity IN ('contact', 'client', 'login')),
          entity_key  TEXT NOT NULL,
          client_id   INTEGER NOT NULL,
          key         TEXT NOT NULL,
          base        TEXT,
          mine        TEXT,
          theirs      TEXT,
          state       TEXT NOT NULL CHECK (state IN ('open', 'resolved')),
          resolution  TEXT,
          created_at  TEXT NOT NULL,
          resolved_at TEXT
        ) STRICT;
        INSERT INTO conflicts_next SELECT id, entity, entity_key, client_id, key, base, mine, theirs, state, resolution, created_at, resolved_at FROM conflicts;
        DROP TABLE conflicts;
        ALTER TABLE conflicts_next RENAME TO conflicts;
        CREATE UNIQUE INDEX conflicts_open ON conflicts (entity, entity_key, key) WHERE state = 'open';

        -- The access staff gave an 8.x login that is none of the client's contacts, while its edit waits for the
        -- portal (the portal's side is the outbox entry's base). entity_key: 'login:<client id>:<user id>'.
        CREATE TABLE login_access (
          entity_key TEXT PRIMARY KEY,
          client_id  INTEGER NOT NULL,
          user_id    INTEGER NOT NULL,
          name       TEXT NOT NULL,
          email      TEXT NOT NULL,
          access     TEXT NOT NULL
        ) STRICT;
      `)
      if (sequence !== undefined) {
        db.prepare("DELETE FROM sqlite_sequence WHERE name = 'outbox'").run()
        db.prepare("INSERT INTO sqlite_sequence (name, seq) VALUES ('outbox', ?)").run(sequence)
      }
    },
  },
  {
    version: 13,
    name: 'contacts remember what the portal listed, and when it was read',
    up(db) {
      db.exec(`
        -- A fingerprint of the portal's state of the contact as the last pull applied it: a pull that lists it
        -- unchanged, with no edit waiting, writes nothing. NULL whenever anything else wrote the row.
        ALTER TABLE contacts ADD COLUMN remote_hash TEXT;
        -- When the portal's state in base was read (ms since the epoch): a page read before it (a pull applied in
        -- parts while the client was opened) never takes its place, and a contact read after a listing began is
        -- not taken for gone by that listing.
        ALTER TABLE contacts ADD COLUMN read_at INTEGER;
      `)
    },
  },
  {
    version: 14,
    name: 'client hosting services',
    up(db) {
      db.exec(`
        -- Each client's hosting services (GetClientsProducts): a service's domain is the client's own even where
        -- GetClientsDomains does not list it (registered elsewhere), for the reachability audit. domain is
        -- lowercased, '' for a service without one.
        CREATE TABLE client_products (
          id        INTEGER PRIMARY KEY,
          client_id INTEGER NOT NULL,
          domain    TEXT NOT NULL,
          status    TEXT NOT NULL,
          name      TEXT NOT NULL
        ) STRICT;
        CREATE INDEX client_products_by_client ON client_products (client_id);
        CREATE INDEX client_products_by_domain ON client_products (domain);
      `)
    },
  },
  {
    version: 15,
    name: 'the reachability audit, kept up to date client by client',
    up(db) {
      db.exec(`
        -- Each client's verdict (src/shared/reachability.ts judge): severity 0 critical … 4 nothing found, status 0
        -- Active, 1 Inactive, 2 Closed, in the audit's order; verdict is the Verdict as JSON.
        CREATE TABLE reachability (
          client_id INTEGER PRIMARY KEY,
          severity  INTEGER NOT NULL,
          status    INTEGER NOT NULL,
          verdict   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX reachability_in_order ON reachability (severity, status, client_id);
        -- One row per rule a client breaks, for the filter and the counts.
        CREATE TABLE reachability_findings (
          rule      TEXT NOT NULL,
          client_id INTEGER NOT NULL,
          PRIMARY KEY (rule, client_id)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX reachability_findings_by_client ON reachability_findings (client_id);
        -- The clients whose facts changed since their verdict: every write of what judge reads marks its client, so
        -- no writer can forget to (a pull, an edit, a per-client read, a reset). The triggers test for the row rather
        -- than INSERT OR IGNORE: the conflict handling of the statement that fires a trigger overrides its own (an
        -- upsert's update would make a second mark of the same client fail).
        CREATE TABLE reachability_stale (client_id INTEGER PRIMARY KEY) STRICT;
        INSERT INTO reachability_stale (client_id) SELECT id FROM clients;
      `)
      for (const [table, column] of [
        ['clients', 'id'],
        ['contacts', 'client_id'],
        ['client_details', 'client_id'],
        ['client_domains', 'client_id'],
        ['client_products', 'client_id'],
      ])
        for (const [event, rows] of [
          ['INSERT', ['NEW']],
          ['UPDATE', ['NEW', 'OLD']],
          ['DELETE', ['OLD']],
        ] as const)
          db.exec(
            `CREATE TRIGGER ${table}_${event.toLowerCase()}_marks_reachability AFTER ${event} ON ${table} BEGIN
             ${rows.map((row) => `INSERT INTO reachability_stale (client_id) SELECT ${row}.${column} WHERE NOT EXISTS (SELECT 1 FROM reachability_stale WHERE client_id = ${row}.${column});`).join(' ')} END`,
          )
    },
  },
  {
    version: 16,
    name: 'clients and contacts keep their search entries and audit marks themselves, without triggers',
    up(db) {
      // A trigger on a table gives each of its inserts a statement savepoint, and FTS5 flushes its pending rows at each
      // one: a segment per client or contact saved, then merged (a first sync of 20k clients spent ~2 s on it).
      // db/clients.ts and db/contacts.ts, the only writers of those tables, write the search entry and call markStale.
      for (const trigger of [
        'clients_fts_insert',
        'clients_fts_delete',
        'clients_fts_update',
        ...['insert', 'update', 'delete'].flatMap((event) => [`clients_${event}_marks_reachability`, `contacts_${event}_marks_reachability`]),
      ])
        db.exec(`DROP TRIGGER ${trigger}`)
    },
  },
  {
    version: 17,
    name: 'duplicate keys',
    up(db) {
      db.exec(`
        -- What two holders share when they are one person or one line (src/shared/duplicate-keys.ts): each client's
        -- owner (local_id NULL: e-mail from GetClients, phone and CPF/CNPJ from GetClientsDetails, so known for clients
        -- opened once) and each contact not deleted, one row per key. Kept by the repositories (clients.ts,
        -- contacts.ts); the duplicates are a GROUP BY on (kind, key) over the index alone (duplicates.ts).
        CREATE TABLE holder_keys (
          kind      TEXT NOT NULL CHECK (kind IN ('email', 'taxId', 'phone')),
          key       TEXT NOT NULL,
          client_id INTEGER NOT NULL,
          local_id  TEXT,
          -- As the holder has it written.
          written   TEXT NOT NULL
        ) STRICT;
        CREATE INDEX holder_keys_by_key ON holder_keys (kind, key, client_id, local_id);
        CREATE INDEX holder_keys_by_contact ON holder_keys (local_id) WHERE local_id IS NOT NULL;
        CREATE INDEX holder_keys_by_owner ON holder_keys (client_id) WHERE local_id IS NULL;
        -- Details removed (a purge): the owner's phone and CPF/CNPJ go with them, as from the search.
        CREATE TRIGGER holder_keys_owner_details_delete AFTER DELETE ON client_details BEGIN
          DELETE FROM holder_keys WHERE client_id = old.client_id AND local_id IS NULL AND kind IN ('phone', 'taxId');
        END;
      `)
      // The keys of what the cache already holds (read whole first: a connection runs no statement while iterating): owners' e-mails and contacts'. The owner's phone and CPF/CNPJ were
      // only ever in a contentless search index, so they come back when the client is next opened.
      const insert = db.prepare('INSERT INTO holder_keys (kind, key, client_id, local_id, written) VALUES (?, ?, ?, ?, ?)')
      for (const { id, email } of db.prepare('SELECT id, email FROM clients').all() as { id: number; email: string }[]) {
        const key = emailKey(email)
        if (key !== null) insert.run('email', key, id, null, email)
      }
      const contacts = db.prepare('SELECT local_id, client_id, data FROM contacts WHERE deleted = 0').all() as {
        local_id: string
        client_id: number
        data: string
      }[]
      for (const row of contacts) {
        const fields = (JSON.parse(row.data) as { fields: { email: string; taxId: string; phoneNumber: string } }).fields
        for (const each of holderKeys(fields)) insert.run(each.kind, each.key, row.client_id, row.local_id, each.written)
      }
    },
  },
  {
    version: 18,
    name: "the audit reads a contact's address and invoice preference from columns, and keeps only the verdicts it lists",
    up(db) {
      db.exec(`
        -- Written by db/contacts.ts beside data, so the audit reads them without parsing each contact's JSON.
        ALTER TABLE contacts ADD COLUMN email TEXT NOT NULL DEFAULT '';
        ALTER TABLE contacts ADD COLUMN invoice_emails INTEGER NOT NULL DEFAULT 0 CHECK (invoice_emails IN (0, 1));
        UPDATE contacts SET email = coalesce(json_extract(data, '$.fields.email'), ''),
          invoice_emails = coalesce(json_extract(data, '$.fields.emailPreferences.invoice'), 0);
        -- All the audit reads of a client's contacts, so it reads this index alone, never the rows with their JSON.
        CREATE INDEX contacts_for_audit ON contacts (client_id, local_id, email, invoice_emails) WHERE deleted = 0;
        -- verdict is NULL for a client with no findings: only those with findings are listed. Derived data: judged again.
        DROP TABLE reachability;
        CREATE TABLE reachability (
          client_id INTEGER PRIMARY KEY,
          severity  INTEGER NOT NULL,
          status    INTEGER NOT NULL,
          verdict   TEXT
        ) STRICT;
        CREATE INDEX reachability_in_order ON reachability (severity, status, client_id);
        DELETE FROM reachability_findings;
        INSERT OR IGNORE INTO reachability_stale (client_id) SELECT id FROM clients;
      `)
    },
  },
  {
    version: 19,
    name: "the latest payment reminders of each client, from the portal's e-mail log",
    up(db) {
      db.exec(`
        -- When each client's e-mail log was last read (GetEmails, when the client is opened). A client with a row has
        -- its latest payment reminders below, no reminder meaning none was sent; a client without one was never read.
        CREATE TABLE email_log_reads (
          client_id INTEGER PRIMARY KEY,
          read_at   TEXT NOT NULL
        ) STRICT;
        -- Those reminders, newest first (position 0): when, to and cc (JSON arrays of the entries the log lists), the
        -- subject, the delivery as the log reports it ('unknown' where the portal does not), never the body.
        CREATE TABLE payment_reminders (
          client_id      INTEGER NOT NULL REFERENCES email_log_reads (client_id) ON DELETE CASCADE,
          position       INTEGER NOT NULL,
          sent_at        TEXT,
          subject        TEXT NOT NULL,
          to_addresses   TEXT NOT NULL,
          cc_addresses   TEXT NOT NULL,
          state          TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed', 'unknown')),
          failure_reason TEXT,
          PRIMARY KEY (client_id, position)
        ) STRICT, WITHOUT ROWID;
      `)
      // The audit judges the reminders (reminders_failed): every write of them marks the client, as migration 15's triggers do.
      for (const table of ['email_log_reads', 'payment_reminders'])
        for (const [event, rows] of [
          ['INSERT', ['NEW']],
          ['UPDATE', ['NEW', 'OLD']],
          ['DELETE', ['OLD']],
        ] as const)
          db.exec(
            `CREATE TRIGGER ${table}_${event.toLowerCase()}_marks_reachability AFTER ${event} ON ${table} BEGIN
             ${rows.map((row) => `INSERT INTO reachability_stale (client_id) SELECT ${row}.client_id WHERE NOT EXISTS (SELECT 1 FROM reachability_stale WHERE client_id = ${row}.client_id);`).join(' ')} END`,
          )
    },
  },
  {
    version: 20,
    name: "the overdue-notice switch with the owner's details, and the per-client reads by their time",
    up(db) {
      db.exec(`
        -- GetClientsDetails overideduenotices: 1 when the client gets no overdue notices at all; NULL where a row
        -- from before this was not read again yet.
        ALTER TABLE client_details ADD COLUMN overdue_notices_off INTEGER CHECK (overdue_notices_off IN (0, 1));
        -- The clients checked (the switch read with the rest), by when: the background check re-reads the oldest first,
        -- and the audit counts them and says the oldest, from this index alone.
        CREATE INDEX client_details_checked ON client_details (fetched_at) WHERE overdue_notices_off IS NOT NULL AND fetched_at IS NOT NULL;
        -- The check's order among the clients not checked yet: the worst severity a client has or could have once its
        -- owner's preference is read (db/reachability.ts checkRank), then Active first; NULL once checked, so the
        -- index holds only the clients still to read. Every verdict is judged again to fill it in.
        ALTER TABLE reachability ADD COLUMN check_rank INTEGER;
        CREATE INDEX reachability_to_check ON reachability (check_rank, status, client_id) WHERE check_rank IS NOT NULL;
        INSERT INTO reachability_stale (client_id) SELECT client_id FROM reachability
          WHERE client_id NOT IN (SELECT client_id FROM reachability_stale);
      `)
    },
  },
]
