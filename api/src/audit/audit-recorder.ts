import type { PrismaClient } from '@confide/db';
import { appendAuditEvents, type AuditActor, type AuditEntry } from './audit-log.ts';

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
