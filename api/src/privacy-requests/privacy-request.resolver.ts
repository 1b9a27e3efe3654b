import type { PrivacyRequest as PrivacyRequestRow } from '@confide/db';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { hasPermission } from '../auth/viewer.ts';
import { staffMemberById } from '../leads/lead.loaders.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext, RequestLoader } from '../shared/context.ts';
import { DomainError } from '../shared/errors.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { timestampPosition } from '../shared/keyset.ts';
import { buildConnection, toPageRequest } from '../shared/pagination.ts';
import type { UserErrorData } from '../shared/user-error.ts';
import { siteById } from '../sites/site.loader.ts';
import { Site } from '../sites/site.type.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import {
  completePrivacyRequest,
  rejectPrivacyRequest,
  verifyPrivacyRequest,
} from './change-request-status.ts';
import { createPrivacyRequest } from './create-privacy-request.ts';
import { extendPrivacyRequest } from './extend-privacy-request.ts';
import { listPrivacyRequests, urgencyPosition } from './list-privacy-requests.ts';
import {
  CompletePrivacyRequestInput,
  CreatePrivacyRequestInput,
  ExtendPrivacyRequestInput,
  PrivacyRequestPayload,
  PrivacyRequestsArgs,
  RejectPrivacyRequestInput,
  VerifyPrivacyRequestInput,
} from './privacy-request.inputs.ts';
import {
  ErasureReceipt,
  PrivacyRequest,
  PrivacyRequestConnection,
  PrivacyRequestEvent,
  RequestExtension,
} from './privacy-request.type.ts';

export function privacyRequestById(context: RequestContext): RequestLoader<string, PrivacyRequest | null> {
  return context.loader<string, PrivacyRequest | null>('privacyRequest.byId', async (ids) => {
    const rows = await context.prisma.privacyRequest.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, PrivacyRequest.fromRow(row, context.now())]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

registerNodeType('PrivacyRequest', {
  permission: Permission.privacyRead,
  load: (context, ids) => privacyRequestById(context).loadMany(ids),
});

function childrenOf<Row extends { requestId: string }, Value>(
  context: RequestContext,
  name: string,
  fetch: (ids: string[]) => Promise<Row[]>,
  map: (row: Row) => Value,
): RequestLoader<string, Value[]> {
  return context.loader<string, Value[]>(name, async (ids) => {
    const rows = await fetch([...ids]);
    return ids.map((id) => rows.filter((row) => row.requestId === id).map(map));
  });
}

/** The payload for a use case's result; request ids in inputs are global ids. */
export function requestPayload(
  context: RequestContext,
  result: { request: PrivacyRequestRow | null; userErrors: UserErrorData[] },
): PrivacyRequestPayload {
  return {
    request: result.request ? PrivacyRequest.fromRow(result.request, context.now()) : null,
    userErrors: result.userErrors,
  };
}

const requestIdOf = (globalId: string) => fromGlobalId(globalId, 'PrivacyRequest', 'input.requestId');

/** Data-subject requests: privacy:read to see them. */
@Authorized(Permission.privacyRead)
@Resolver(() => PrivacyRequest)
export class PrivacyRequestResolver {
  @Query(() => PrivacyRequestConnection, {
    description:
      'Data-subject requests, by default most urgent first (open requests by due date, overdue at the top). ' +
      'Filtering by requester email needs personal-data:read.',
  })
  async privacyRequests(
    @Args(() => PrivacyRequestsArgs) args: PrivacyRequestsArgs,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequestConnection> {
    const page = toPageRequest(args);
    const filter = args.filter;
    if (filter?.requesterEmail != null && !hasPermission(context.viewer, Permission.personalDataRead)) {
      throw new DomainError(
        'FORBIDDEN',
        'Filtering by requester email needs the personal-data:read permission',
        {
          argument: 'filter.requesterEmail',
        },
      );
    }
    const order = args.orderBy ?? 'URGENCY';
    const result = await listPrivacyRequests(
      context,
      page,
      filter && {
        ...filter,
        siteId: filter.siteId == null ? null : fromGlobalId(filter.siteId, 'Site', 'filter.siteId'),
        assigneeId:
          filter.assigneeId == null
            ? null
            : fromGlobalId(filter.assigneeId, 'StaffMember', 'filter.assigneeId'),
      },
      order,
    );
    return buildConnection(
      PrivacyRequestConnection,
      page,
      result.rows.map((row) => PrivacyRequest.fromRow(row, context.now())),
      (request) =>
        order === 'URGENCY' ? urgencyPosition(request) : timestampPosition(request.receivedAt, request.id),
      result.countTotal,
    );
  }

  @Query(() => PrivacyRequest, { nullable: true, description: 'One data-subject request by its global id.' })
  privacyRequest(
    @Arg('id', () => ID, { description: 'Global id of the request.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequest | null> {
    return privacyRequestById(context).load(fromGlobalId(id, 'PrivacyRequest'));
  }

  @FieldResolver(() => Site, { description: 'The site the request concerns.' })
  async site(@Root() request: PrivacyRequest, @Ctx() context: RequestContext): Promise<Site> {
    const site = await siteById(context).load(request.siteId);
    if (!site) throw new Error(`Site ${request.siteId} of privacy request ${request.id} is missing`);
    return site;
  }

  @FieldResolver(() => StaffMember, { nullable: true, description: 'The staff member handling the request.' })
  assignee(
    @Root() request: PrivacyRequest,
    @Ctx() context: RequestContext,
  ): Promise<StaffMember | null> | null {
    return request.assigneeId ? staffMemberById(context).load(request.assigneeId) : null;
  }

  @FieldResolver(() => [PrivacyRequestEvent], { description: "The request's timeline, oldest first." })
  timeline(@Root() request: PrivacyRequest, @Ctx() context: RequestContext): Promise<PrivacyRequestEvent[]> {
    return childrenOf(
      context,
      'privacyRequest.timeline',
      (ids) =>
        context.prisma.privacyRequestEvent.findMany({
          where: { requestId: { in: ids } },
          orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
        }),
      PrivacyRequestEvent.fromRow,
    ).load(request.id);
  }

  @FieldResolver(() => [RequestExtension], { description: 'Postponement notices, oldest first.' })
  extensions(@Root() request: PrivacyRequest, @Ctx() context: RequestContext): Promise<RequestExtension[]> {
    return childrenOf(
      context,
      'privacyRequest.extensions',
      (ids) =>
        context.prisma.requestExtension.findMany({
          where: { requestId: { in: ids } },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        }),
      RequestExtension.fromRow,
    ).load(request.id);
  }

  @FieldResolver(() => ErasureReceipt, { nullable: true, description: "The erasure's receipt, once it ran." })
  async receipt(
    @Root() request: PrivacyRequest,
    @Ctx() context: RequestContext,
  ): Promise<ErasureReceipt | null> {
    const loader = context.loader<string, ErasureReceipt | null>('privacyRequest.receipt', async (ids) => {
      const rows = await context.prisma.erasureReceipt.findMany({ where: { requestId: { in: [...ids] } } });
      return ids.map((id) => {
        const row = rows.find((candidate) => candidate.requestId === id);
        return row ? ErasureReceipt.fromRow(row) : null;
      });
    });
    return loader.load(request.id);
  }
}

/** Acting on data-subject requests: privacy:write. */
@Authorized(Permission.privacyWrite)
@Resolver()
export class PrivacyRequestMutationResolver {
  @Mutation(() => PrivacyRequestPayload, {
    description: "Logs a data-subject request; its deadlines come from the site's policy. Audited.",
  })
  async createPrivacyRequest(
    @Arg('input', () => CreatePrivacyRequestInput, { description: 'The request.' })
    input: CreatePrivacyRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequestPayload> {
    const result = await createPrivacyRequest(context, {
      ...input,
      siteId: fromGlobalId(input.siteId, 'Site', 'input.siteId'),
      assigneeId: input.assigneeId ? fromGlobalId(input.assigneeId, 'StaffMember', 'input.assigneeId') : null,
    });
    return requestPayload(context, result);
  }

  @Mutation(() => PrivacyRequestPayload, { description: 'RECEIVED → VERIFIED. Audited.' })
  async verifyPrivacyRequest(
    @Arg('input', () => VerifyPrivacyRequestInput, { description: 'The request.' })
    input: VerifyPrivacyRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequestPayload> {
    return requestPayload(
      context,
      await verifyPrivacyRequest(context, { ...input, requestId: requestIdOf(input.requestId) }),
    );
  }

  @Mutation(() => PrivacyRequestPayload, {
    description:
      "Postpones a verified request with a written notice; refused (PAST_MAXIMUM) beyond the site's maximum. Audited.",
  })
  async extendPrivacyRequest(
    @Arg('input', () => ExtendPrivacyRequestInput, { description: 'The notice.' })
    input: ExtendPrivacyRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequestPayload> {
    return requestPayload(
      context,
      await extendPrivacyRequest(context, { ...input, requestId: requestIdOf(input.requestId) }),
    );
  }

  @Mutation(() => PrivacyRequestPayload, {
    description: 'Refuses an open request; a reason is required. Audited.',
  })
  async rejectPrivacyRequest(
    @Arg('input', () => RejectPrivacyRequestInput, { description: 'The refusal.' })
    input: RejectPrivacyRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequestPayload> {
    return requestPayload(
      context,
      await rejectPrivacyRequest(context, { ...input, requestId: requestIdOf(input.requestId) }),
    );
  }

  @Mutation(() => PrivacyRequestPayload, {
    description:
      'Closes a verified request once answered; an erasure request only after its erasure ran. Audited.',
  })
  async completePrivacyRequest(
    @Arg('input', () => CompletePrivacyRequestInput, { description: 'The request.' })
    input: CompletePrivacyRequestInput,
    @Ctx() context: RequestContext,
  ): Promise<PrivacyRequestPayload> {
    return requestPayload(
      context,
      await completePrivacyRequest(context, { ...input, requestId: requestIdOf(input.requestId) }),
    );
  }
}
