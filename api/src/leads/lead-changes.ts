import type { LeadStatus, Prisma, PrismaClient } from '@confide/db';
import type { Viewer } from '../auth/viewer.ts';
import {
  leadRetainUntil,
  type LeadRetentionFacts,
  type LeadRetentionPolicy,
} from '../retention/lead-retention.ts';
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
export interface LeadState extends LeadRetentionFacts {
  id: string;
  status: LeadStatus;
  ownerId: string | null;
  retainUntil: Date | null;
  /** The site's lead rules. */
  site: LeadRetentionPolicy;
}

/** The lead columns `LeadState` needs, for Prisma selects. */
export const leadStateSelect = {
  id: true,
  status: true,
  ownerId: true,
  retainUntil: true,
  source: true,
  createdAt: true,
  exportedAt: true,
  engagedAt: true,
  engagementEndedAt: true,
  site: { select: { leadRetentionMonths: true, engagedLegalRetentionMonths: true } },
} as const satisfies Prisma.LeadSelect;

export interface LeadChangeOutcome {
  /** Columns to write; empty when nothing but possibly a note changes. */
  data: Prisma.LeadUncheckedUpdateManyInput;
  statusChange?: { from: LeadStatus; to: LeadStatus };
  ownerChange?: { from: string | null; to: string | null };
}

/**
 * The columns a change writes on one lead. Any status may follow any other (triage is often
 * corrected); the rules are about engagement: entering ENGAGED stamps `engagedAt` and clears
 * `engagementEndedAt`; leaving it stamps `engagementEndedAt`. `retainUntil` follows from the result
 * through the one retention rule (`leadRetainUntil`): none while engaged, the legally required period
 * after the engagement ends.
 */
export function applyLeadChange(lead: LeadState, change: ValidatedLeadChange, now: Date): LeadChangeOutcome {
  const outcome: LeadChangeOutcome = { data: {} };
  if (change.status !== undefined && change.status !== lead.status) {
    outcome.statusChange = { from: lead.status, to: change.status };
    outcome.data.status = change.status;
    const engagement =
      change.status === 'ENGAGED'
        ? { engagedAt: now, engagementEndedAt: null }
        : lead.status === 'ENGAGED'
          ? { engagementEndedAt: now }
          : undefined;
    if (engagement) {
      Object.assign(outcome.data, engagement);
      const retainUntil = leadRetainUntil({ ...lead, ...engagement }, lead.site);
      if (retainUntil?.getTime() !== lead.retainUntil?.getTime()) outcome.data.retainUntil = retainUntil;
    }
  }
  if (change.ownerId !== undefined && change.ownerId !== lead.ownerId) {
    outcome.ownerChange = { from: lead.ownerId, to: change.ownerId };
    outcome.data.ownerId = change.ownerId;
  }
  return outcome;
}

/** The author of notes written in this request: the staff member, or nobody for a token. */
export function noteAuthorId(viewer: Viewer): string | null {
  return viewer.kind === 'staff' ? viewer.staffUserId : null;
}
