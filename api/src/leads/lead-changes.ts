import type { LeadStatus, Prisma, PrismaClient } from '@confide/db';
import type { Viewer } from '../auth/viewer.ts';
import { decodeGlobalId } from '../shared/global-id.ts';
import type { UserErrorData } from '../shared/user-error.ts';

/** Longest note a staff member may write on a lead. */
export const maxNoteLength = 5000;

/** A change asked of one or many leads. Owner: a StaffMember global id, null to unassign, undefined to keep. */
export interface LeadChangeInput {
  status?: LeadStatus | null;
  ownerId?: string | null;
  note?: string | null;
}

/** A change that passed validation; `ownerId` is now a database id. */
export interface ValidatedLeadChange {
  status: LeadStatus | undefined;
  ownerId: string | null | undefined;
  note: string | undefined;
}

/** The database id behind a global id of the expected type, or undefined. */
export function databaseIdOf(globalId: string, typeName: string): string | undefined {
  const decoded = decodeGlobalId(globalId);
  return decoded?.typeName === typeName ? decoded.id : undefined;
}

/**
 * Checks the change itself, whatever leads it applies to: a known, active owner holding the SALES
 * role, a note that is not blank and at most `maxNoteLength` characters, and at least one change.
 */
export async function validateLeadChange(
  prisma: Prisma.TransactionClient | PrismaClient,
  input: LeadChangeInput,
): Promise<{ change: ValidatedLeadChange; userErrors: UserErrorData[] }> {
  const userErrors: UserErrorData[] = [];
  const change: ValidatedLeadChange = {
    status: input.status ?? undefined,
    ownerId: undefined,
    note: undefined,
  };
  if (input.note != null) {
    const note = input.note.trim();
    if (note.length === 0) {
      userErrors.push({ field: ['input', 'note'], code: 'INVALID', message: 'The note is blank' });
    } else if (note.length > maxNoteLength) {
      userErrors.push({
        field: ['input', 'note'],
        code: 'TOO_LONG',
        message: `The note must be at most ${maxNoteLength} characters (it has ${note.length})`,
      });
    } else {
      change.note = note;
    }
  }
  if (input.ownerId === null) {
    change.ownerId = null;
  } else if (input.ownerId !== undefined) {
    const ownerId = databaseIdOf(input.ownerId, 'StaffMember');
    const owner = ownerId
      ? await prisma.staffUser.findUnique({
          where: { id: ownerId },
          select: { id: true, roles: true, disabledAt: true },
        })
      : null;
    if (!owner) {
      userErrors.push({
        field: ['input', 'ownerId'],
        code: 'NOT_FOUND',
        message: 'No staff member has this id',
      });
    } else if (owner.disabledAt !== null || !owner.roles.includes('SALES')) {
      userErrors.push({
        field: ['input', 'ownerId'],
        code: 'NOT_ASSIGNABLE',
        message: 'Leads can only be assigned to active staff members with the SALES role',
      });
    } else {
      change.ownerId = owner.id;
    }
  }
  if (input.status == null && input.ownerId === undefined && input.note == null) {
    userErrors.push({
      field: ['input'],
      code: 'REQUIRED',
      message: 'Give at least one of status, ownerId or note',
    });
  }
  return { change, userErrors };
}

/** What a lead looks like to the change rules. */
export interface LeadState {
  id: string;
  status: LeadStatus;
  ownerId: string | null;
  retainUntil: Date | null;
  /** The site's `engagedLegalRetentionMonths`. */
  engagedLegalRetentionMonths: number;
}

export interface LeadChangeOutcome {
  /** Columns to write; empty when nothing but possibly a note changes. */
  data: Prisma.LeadUncheckedUpdateManyInput;
  statusChange?: { from: LeadStatus; to: LeadStatus };
  ownerChange?: { from: string | null; to: string | null };
}

/**
 * The columns a change writes on one lead. Any status may follow any other (triage is often
 * corrected); the rules are about engagement: entering ENGAGED stamps `engagedAt` and clears
 * `engagementEndedAt`; leaving it stamps `engagementEndedAt` and keeps the lead at least for the
 * site's legally required period after the engagement (`retainUntil` only ever moves later here).
 */
export function applyLeadChange(lead: LeadState, change: ValidatedLeadChange, now: Date): LeadChangeOutcome {
  const outcome: LeadChangeOutcome = { data: {} };
  if (change.status !== undefined && change.status !== lead.status) {
    outcome.statusChange = { from: lead.status, to: change.status };
    outcome.data.status = change.status;
    if (change.status === 'ENGAGED') {
      outcome.data.engagedAt = now;
      outcome.data.engagementEndedAt = null;
    } else if (lead.status === 'ENGAGED') {
      outcome.data.engagementEndedAt = now;
      const legalEnd = addMonths(now, lead.engagedLegalRetentionMonths);
      if (lead.retainUntil === null || lead.retainUntil < legalEnd) outcome.data.retainUntil = legalEnd;
    }
  }
  if (change.ownerId !== undefined && change.ownerId !== lead.ownerId) {
    outcome.ownerChange = { from: lead.ownerId, to: change.ownerId };
    outcome.data.ownerId = change.ownerId;
  }
  return outcome;
}

/** Calendar months later in UTC, clamped to the month's last day (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const result = new Date(date.getTime());
  const day = result.getUTCDate();
  result.setUTCDate(1);
  result.setUTCMonth(result.getUTCMonth() + months);
  const lastDay = new Date(Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0)).getUTCDate();
  result.setUTCDate(Math.min(day, lastDay));
  return result;
}

/** The author of notes written in this request: the staff member, or nobody for a token. */
export function noteAuthorId(viewer: Viewer): string | null {
  return viewer.kind === 'staff' ? viewer.staffUserId : null;
}
