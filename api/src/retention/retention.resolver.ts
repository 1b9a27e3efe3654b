import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { conversationById } from '../conversations/conversation.loaders.ts';
import { Conversation } from '../conversations/conversation.type.ts';
import { leadById, staffMemberById } from '../leads/lead.loaders.ts';
import { Lead } from '../leads/lead.type.ts';
import { loadNodes, registerNodeType } from '../node/node-registry.ts';
import { Node } from '../node/node.interface.ts';
import type { RequestContext, RequestLoader } from '../shared/context.ts';
import { fromGlobalId, toGlobalId } from '../shared/global-id.ts';
import { timestampPosition } from '../shared/keyset.ts';
import { buildConnection, toPageRequest } from '../shared/pagination.ts';
import { siteById } from '../sites/site.loader.ts';
import { RetentionPolicy, Site } from '../sites/site.type.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import { legalHoldById } from './legal-hold.loaders.ts';
import { LegalHold } from './legal-hold.type.ts';
import { placeLegalHold, releaseLegalHold, type LegalHoldResult } from './legal-holds.ts';
import { listRetentionRuns } from './list-retention-runs.ts';
import { requestRetentionSweep } from './request-sweep.ts';
import { previewRetention } from './retention-preview.ts';
import { retentionStatus, type RecordCounts } from './retention-status.ts';
import {
  LegalHoldPayload,
  PlaceLegalHoldInput,
  ReleaseLegalHoldInput,
  RetentionPreviewArgs,
  RetentionRunsArgs,
  RunRetentionSweepInput,
  RunRetentionSweepPayload,
} from './retention.inputs.ts';
import {
  RetentionCounts,
  RetentionPreviewConnection,
  RetentionPreviewItem,
  RetentionRun,
  RetentionRunConnection,
  RetentionStatus,
} from './retention.type.ts';

function retentionRunById(context: RequestContext): RequestLoader<string, RetentionRun | null> {
  return context.loader<string, RetentionRun | null>('retentionRun.byId', async (ids) => {
    const rows = await context.prisma.retentionRun.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, RetentionRun.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

registerNodeType('RetentionRun', {
  permission: Permission.privacyRead,
  load: (context, ids) => retentionRunById(context).loadMany(ids),
});
registerNodeType('LegalHold', {
  permission: Permission.privacyRead,
  load: async (context, ids) =>
    (await legalHoldById(context).loadMany(ids)).map((row) =>
      row instanceof Error || row === null ? row : LegalHold.fromRow(row),
    ),
});

const holdPayload = (result: LegalHoldResult) =>
  Object.assign(new LegalHoldPayload(), {
    legalHold: result.legalHold && LegalHold.fromRow(result.legalHold),
    userErrors: result.userErrors,
  });

const counts = (value: RecordCounts) => Object.assign(new RetentionCounts(), value);

/** Retention status: privacy:read. */
@Authorized(Permission.privacyRead)
@Resolver(() => RetentionStatus)
export class RetentionStatusResolver {
  @Query(() => RetentionStatus, {
    description:
      "A site's retention rules, what is overdue for deletion (should be none), what falls due within 7 and 30 days, and the last and next sweep.",
  })
  async retentionStatus(
    @Arg('siteId', () => ID, { description: 'Global id of the site.' }) siteId: string,
    @Ctx() context: RequestContext,
  ): Promise<RetentionStatus> {
    const status = await retentionStatus(context, fromGlobalId(siteId, 'Site', 'siteId'));
    const overdue = counts(status.overdue);
    return Object.assign(new RetentionStatus(), {
      site: Site.fromRow(status.site),
      policy: RetentionPolicy.fromSite(status.site),
      overdueCount: overdue.total,
      overdue,
      expiringWithin7Days: counts(status.expiringWithin7Days).total,
      expiringWithin30Days: counts(status.expiringWithin30Days).total,
      onHold: counts(status.onHold),
      lastSweep: status.lastSweep && RetentionRun.fromRow(status.lastSweep),
      lastDryRun: status.lastDryRun && RetentionRun.fromRow(status.lastDryRun),
      nextSweepAt: status.nextSweepAt,
      sweepIntervalMinutes: status.sweepIntervalMinutes,
    });
  }

  @Query(() => RetentionRunConnection, {
    description: 'Retention sweeps and dry runs, newest first, with what each deleted (or would have).',
  })
  async retentionRuns(
    @Args(() => RetentionRunsArgs) args: RetentionRunsArgs,
    @Ctx() context: RequestContext,
  ): Promise<RetentionRunConnection> {
    const page = toPageRequest(args);
    const { filter } = args;
    const result = await listRetentionRuns(context, page, {
      siteId: filter?.siteId == null ? undefined : fromGlobalId(filter.siteId, 'Site', 'filter.siteId'),
      dryRun: filter?.dryRun ?? undefined,
      trigger: filter?.trigger ?? undefined,
      status: filter?.status ?? undefined,
    });
    return buildConnection(
      RetentionRunConnection,
      page,
      result.rows.map((row) => RetentionRun.fromRow(row)),
      (run) => timestampPosition(run.startedAt, run.id),
      result.countTotal,
    );
  }

  @Query(() => RetentionPreviewConnection, {
    description:
      'What sweeps would delete on a site from now until `horizonDays` ahead, soonest first (overdue first of all), and when. Records on legal hold are left out. Deletes nothing.',
  })
  async retentionPreview(
    @Args(() => RetentionPreviewArgs) args: RetentionPreviewArgs,
    @Ctx() context: RequestContext,
  ): Promise<RetentionPreviewConnection> {
    const page = toPageRequest(args);
    const siteId = fromGlobalId(args.siteId, 'Site', 'siteId');
    const result = await previewRetention(context, siteId, args.horizonDays, page);
    const now = context.now();
    return buildConnection(
      RetentionPreviewConnection,
      page,
      result.rows.map((row): RetentionPreviewItem =>
        Object.assign(new RetentionPreviewItem(), {
          recordType: row.recordType,
          recordId: toGlobalId(row.recordType, row.id),
          deletesAt: row.deletesAt,
          overdue: row.deletesAt <= now,
          reason: row.reason,
          databaseId: row.id,
        }),
      ),
      (item) => timestampPosition(item.deletesAt, item.databaseId),
      result.countTotal,
    );
  }
}

/** The record behind a preview item, if the caller may see it (node lookup rules). */
@Authorized(Permission.privacyRead)
@Resolver(() => RetentionPreviewItem)
export class RetentionPreviewItemResolver {
  @FieldResolver(() => Node, {
    nullable: true,
    description: 'The record itself; null when the caller may not see records of its type.',
  })
  async record(@Root() item: RetentionPreviewItem, @Ctx() context: RequestContext): Promise<object | null> {
    const [found] = await loadNodes(context, [item.recordId]);
    return found ?? null;
  }
}

/** Sweeps and legal holds: privacy:write. Expected refusals come back as userErrors. */
@Authorized(Permission.privacyWrite)
@Resolver()
export class RetentionMutationResolver {
  @Mutation(() => RunRetentionSweepPayload, {
    description:
      'Starts a retention sweep of one site or all: a dry run counts what is due and returns at once; a real sweep deletes in the background and reports progress on its run. Only one sweep deletes at a time across all instances (SWEEP_RUNNING otherwise). Audited.',
  })
  async runRetentionSweep(
    @Arg('input', () => RunRetentionSweepInput, { description: 'Which site, and whether to only count.' })
    input: RunRetentionSweepInput,
    @Ctx() context: RequestContext,
  ): Promise<RunRetentionSweepPayload> {
    const result = await requestRetentionSweep(context, {
      siteId: input.siteId == null ? null : fromGlobalId(input.siteId, 'Site', 'input.siteId'),
      dryRun: input.dryRun,
    });
    return Object.assign(new RunRetentionSweepPayload(), {
      run: result.run && RetentionRun.fromRow(result.run),
      userErrors: result.userErrors,
    });
  }

  @Mutation(() => LegalHoldPayload, {
    description:
      'Places a legal hold on a conversation or lead: no sweep deletes it (nor its lead or conversation) until released. Audited.',
  })
  async placeLegalHold(
    @Arg('input', () => PlaceLegalHoldInput, { description: 'The record, the reason and the owner.' })
    input: PlaceLegalHoldInput,
    @Ctx() context: RequestContext,
  ): Promise<LegalHoldPayload> {
    return holdPayload(await placeLegalHold(context, input));
  }

  @Mutation(() => LegalHoldPayload, {
    description:
      'Releases a legal hold; the next sweep deletes the record if it is past due and nothing else holds it. Audited.',
  })
  async releaseLegalHold(
    @Arg('input', () => ReleaseLegalHoldInput, { description: 'The hold.' }) input: ReleaseLegalHoldInput,
    @Ctx() context: RequestContext,
  ): Promise<LegalHoldPayload> {
    return holdPayload(await releaseLegalHold(context, input));
  }
}

/** Legal holds' relations: privacy:read, and the record's own permission for the record. */
@Authorized(Permission.privacyRead)
@Resolver(() => LegalHold)
export class LegalHoldResolver {
  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The staff member answerable for the hold; null if their account was deleted.',
  })
  owner(@Root() hold: LegalHold, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return hold.ownerId ? staffMemberById(context).load(hold.ownerId) : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'Who released the hold; null while it holds, or when an API token released it.',
  })
  releasedBy(@Root() hold: LegalHold, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return hold.releasedById ? staffMemberById(context).load(hold.releasedById) : null;
  }

  @Authorized(Permission.privacyRead, Permission.conversationsRead)
  @FieldResolver(() => Conversation, {
    nullable: true,
    description:
      'The conversation held, if the hold is on one (gone once deleted). Needs conversations:read.',
  })
  conversation(@Root() hold: LegalHold, @Ctx() context: RequestContext): Promise<Conversation | null> | null {
    return hold.conversationId ? conversationById(context).load(hold.conversationId) : null;
  }

  @Authorized(Permission.privacyRead, Permission.leadsRead)
  @FieldResolver(() => Lead, {
    nullable: true,
    description: 'The lead held, if the hold is on one. Needs leads:read.',
  })
  lead(@Root() hold: LegalHold, @Ctx() context: RequestContext): Promise<Lead | null> | null {
    return hold.leadId ? leadById(context).load(hold.leadId) : null;
  }
}

/** Retention runs' relations: privacy:read. */
@Authorized(Permission.privacyRead)
@Resolver(() => RetentionRun)
export class RetentionRunResolver {
  @FieldResolver(() => Site, {
    nullable: true,
    description: 'The site the sweep covered; null for a sweep of every site.',
  })
  site(@Root() run: RetentionRun, @Ctx() context: RequestContext): Promise<Site | null> | null {
    return run.siteId ? siteById(context).load(run.siteId) : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'Who started a manual sweep; null for scheduled ones.',
  })
  triggeredBy(@Root() run: RetentionRun, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return run.triggeredById ? staffMemberById(context).load(run.triggeredById) : null;
  }
}
