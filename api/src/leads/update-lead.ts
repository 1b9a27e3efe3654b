import type { Prisma } from '@confide/db';
import type { RequestContext } from '../shared/context.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import type { LeadRow } from './lead.type.ts';
import {
  applyLeadChange,
  databaseIdOf,
  leadStateSelect,
  noteAuthorId,
  validateLeadChange,
  type LeadChangeInput,
} from './lead-changes.ts';

export interface UpdateLeadInput extends LeadChangeInput {
  /** Global id of the lead. */
  id: string;
}

export interface UpdateLeadResult {
  lead: LeadRow | null;
  userErrors: UserErrorData[];
}

/**
 * Changes one lead's status and owner and/or adds a note, under a row lock so concurrent changes
 * see each other. Audited as "lead.update" with the changed field names and the old and new
 * status and owner, never the note's text or contact data.
 */
export async function updateLead(context: RequestContext, input: UpdateLeadInput): Promise<UpdateLeadResult> {
  const { prisma } = context;
  const leadId = databaseIdOf(input.id, 'Lead');
  const { change, userErrors } = await validateLeadChange(prisma, input);
  const notFound: UserErrorData = {
    field: ['input', 'id'],
    code: 'NOT_FOUND',
    message: 'No lead has this id',
  };
  if (!leadId || userErrors.length > 0) {
    const exists = leadId !== undefined && (await prisma.lead.count({ where: { id: leadId } })) > 0;
    return { lead: null, userErrors: exists ? userErrors : [notFound, ...userErrors] };
  }

  const now = context.now();
  const result = await prisma.$transaction(async (transaction) => {
    const locked = await transaction.$queryRaw<{ id: string }[]>`
      SELECT id::text AS id FROM "Lead" WHERE id = ${leadId}::uuid FOR UPDATE`;
    if (locked.length === 0) return undefined;
    const state = await transaction.lead.findUniqueOrThrow({
      where: { id: leadId },
      select: leadStateSelect,
    });
    const outcome = applyLeadChange(state, change, now);
    const changed = Object.keys(outcome.data).length > 0 || change.note !== undefined;
    if (!changed) {
      const lead = await transaction.lead.findUniqueOrThrow({ where: { id: leadId } });
      return { lead, outcome, noteId: undefined, changed };
    }
    const updated = await transaction.lead.update({
      where: { id: leadId },
      data: { ...outcome.data, updatedAt: now },
    });
    const note =
      change.note === undefined
        ? undefined
        : await transaction.leadNote.create({
            data: { leadId, body: change.note, authorId: noteAuthorId(context.viewer), createdAt: now },
            select: { id: true },
          });
    return { lead: updated, outcome, noteId: note?.id, changed };
  });
  if (!result) return { lead: null, userErrors: [notFound] };

  if (result.changed) {
    const { outcome } = result;
    const details: Prisma.InputJsonObject = {
      fields: [
        ...(outcome.statusChange ? ['status'] : []),
        ...(outcome.ownerChange ? ['owner'] : []),
        ...(result.noteId ? ['note'] : []),
      ],
      ...(outcome.statusChange && { status: outcome.statusChange }),
      ...(outcome.ownerChange && { owner: outcome.ownerChange }),
      ...(result.noteId && { noteId: result.noteId }),
    };
    context.audit.record({ action: 'lead.update', targetType: 'Lead', targetIds: [leadId], details });
  }
  return { lead: result.lead, userErrors: [] };
}
