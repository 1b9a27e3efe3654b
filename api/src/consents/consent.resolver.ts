import type { Consent as ConsentRow } from '@confide/db';
import { Arg, Args, Authorized, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { timestampPosition } from '../shared/keyset.ts';
import { leadById, staffMemberById } from '../leads/lead.loaders.ts';
import { Lead } from '../leads/lead.type.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext, RequestLoader } from '../shared/context.ts';
import { fromGlobalId } from '../shared/global-id.ts';
import { buildConnection, toPageRequest } from '../shared/pagination.ts';
import { siteById } from '../sites/site.loader.ts';
import { Site } from '../sites/site.type.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import {
  ConsentsArgs,
  RecordConsentInput,
  RecordConsentPayload,
  WithdrawConsentInput,
  WithdrawConsentPayload,
} from './consent.inputs.ts';
import { Consent, ConsentConnection } from './consent.type.ts';
import { listConsents } from './list-consents.ts';
import { recordConsent } from './record-consent.ts';
import { withdrawConsent } from './withdraw-consent.ts';

function consentById(context: RequestContext): RequestLoader<string, Consent | null> {
  return context.loader<string, Consent | null>('consent.byId', async (ids) => {
    const rows = await context.prisma.consent.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, Consent.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

registerNodeType('Consent', {
  permission: Permission.consentsRead,
  load: (context, ids) => consentById(context).loadMany(ids),
});

function toPayload(result: { consent: ConsentRow | null; userErrors: RecordConsentPayload['userErrors'] }) {
  return { consent: result.consent ? Consent.fromRow(result.consent) : null, userErrors: result.userErrors };
}

/** The consent ledger: consents:read. */
@Authorized(Permission.consentsRead)
@Resolver(() => Consent)
export class ConsentResolver {
  @Query(() => ConsentConnection, {
    description:
      'The consent ledger, newest entry first. Filter by subject email and purpose and take `first: 1` to learn ' +
      'where a purpose stands now.',
  })
  async consents(
    @Args(() => ConsentsArgs) args: ConsentsArgs,
    @Ctx() context: RequestContext,
  ): Promise<ConsentConnection> {
    const page = toPageRequest(args);
    const filter = args.filter && {
      ...args.filter,
      siteId: args.filter.siteId == null ? null : fromGlobalId(args.filter.siteId, 'Site', 'filter.siteId'),
    };
    const result = await listConsents(context, page, filter);
    return buildConnection(
      ConsentConnection,
      page,
      result.rows.map((row) => Consent.fromRow(row)),
      (consent) => timestampPosition(consent.occurredAt, consent.id),
      result.countTotal,
    );
  }

  @FieldResolver(() => Site, { description: 'The site the consent was given to.' })
  async site(@Root() consent: Consent, @Ctx() context: RequestContext): Promise<Site> {
    const site = await siteById(context).load(consent.siteId);
    if (!site) throw new Error(`Site ${consent.siteId} of consent ${consent.id} is missing`);
    return site;
  }

  @Authorized(Permission.consentsRead, Permission.leadsRead)
  @FieldResolver(() => Lead, {
    nullable: true,
    description: 'The lead the entry was recorded with, if any. Needs leads:read besides consents:read.',
  })
  lead(@Root() consent: Consent, @Ctx() context: RequestContext): Promise<Lead | null> | null {
    return consent.leadId ? leadById(context).load(consent.leadId) : null;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'The staff member who recorded the entry; null when the subject or a system recorded it.',
  })
  recordedBy(@Root() consent: Consent, @Ctx() context: RequestContext): Promise<StaffMember | null> | null {
    return consent.recordedById ? staffMemberById(context).load(consent.recordedById) : null;
  }
}

/** Appending to the consent ledger: consents:write. Entries are never updated or deleted here. */
@Authorized(Permission.consentsWrite)
@Resolver()
export class ConsentMutationResolver {
  @Mutation(() => RecordConsentPayload, {
    description: 'Appends a grant to the consent ledger. Audited.',
  })
  async recordConsent(
    @Arg('input', () => RecordConsentInput, { description: 'The grant.' }) input: RecordConsentInput,
    @Ctx() context: RequestContext,
  ): Promise<RecordConsentPayload> {
    return toPayload(await recordConsent(context, input));
  }

  @Mutation(() => WithdrawConsentPayload, {
    description:
      'Appends a withdrawal to the consent ledger, effective at once; refused (NOT_GRANTED) when the purpose is ' +
      'not currently granted. Audited.',
  })
  async withdrawConsent(
    @Arg('input', () => WithdrawConsentInput, { description: 'The withdrawal.' }) input: WithdrawConsentInput,
    @Ctx() context: RequestContext,
  ): Promise<WithdrawConsentPayload> {
    return toPayload(await withdrawConsent(context, input));
  }
}
