import type { Prisma, PrismaClient } from '@confide/db';
import {
  appendAuditEvents,
  appendWithinStatement,
  countedEntry,
  type AuditActor,
  type AuditEntry,
  type CountedAuditEntry,
} from './audit-log.ts';

/** An entry the statement that selects its targets may write itself (see `recordWithin`). */
export interface EntryWithinStatement {
  /** The CTE to add to that statement's top-level WITH; undefined: the entry waits for `flush`. */
  cte: ((targets: Prisma.Sql) => Prisma.Sql) | undefined;
  /**
   * After the statement: the hash its CTE returned (null: none) and the targets the caller returns.
   * Whatever the statement did not write is recorded, to be flushed with the rest.
   */
  settle(hash: string | null, targetIds: string[]): void;
}

/**
 * Collects what one request did and flushes it as audit events when the request ends: explicit
 * entries for changes, and one aggregated "personal_data.read" event per record type for every
 * personal field the response carried — batched per request, not per field.
 */
export class AuditRecorder {
  readonly #entries: AuditEntry[] = [];
  readonly #personalDataReads = new Map<string, Map<string, Set<string>>>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly actor: AuditActor,
    private readonly requestId: string,
    private readonly now: () => Date,
  ) {}

  record(entry: AuditEntry): void {
    this.#entries.push(entry);
  }

  /**
   * Records an entry whose targets the caller is about to select, letting that statement append it
   * (`appendWithinStatement`): a search then needs no round trip of its own for its audit event.
   */
  recordWithin(entry: CountedAuditEntry): EntryWithinStatement {
    const append = appendWithinStatement(this.prisma, this.actor, this.requestId, entry, this.now());
    return {
      cte: append?.cte,
      settle: (hash, targetIds) => {
        if (!append?.settle(hash)) this.record(countedEntry(entry, targetIds));
      },
    };
  }

  /** Notes that a personal field of one record was returned to the caller. */
  notePersonalDataRead(typeName: string, id: string, field: string): void {
    const records = this.#personalDataReads.get(typeName) ?? new Map<string, Set<string>>();
    this.#personalDataReads.set(typeName, records);
    const fields = records.get(id) ?? new Set<string>();
    records.set(id, fields);
    fields.add(field);
  }

  /** Writes everything collected so far; safe to call more than once. */
  async flush(): Promise<void> {
    const reads = [...this.#personalDataReads].map(([typeName, records]): AuditEntry => ({
      action: 'personal_data.read',
      targetType: typeName,
      targetIds: [...records.keys()],
      details: { fields: [...new Set([...records.values()].flatMap((fields) => [...fields]))].sort() },
    }));
    const entries = [...this.#entries.splice(0), ...reads];
    this.#personalDataReads.clear();
    await appendAuditEvents(this.prisma, this.actor, this.requestId, entries, this.now());
  }
}
