import type { Prisma } from '@confide/db';
import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Permission } from '../auth/policy.ts';
import { leadById, staffMemberById } from '../leads/lead.loaders.ts';
import { Lead } from '../leads/lead.type.ts';
import { registerNodeType } from '../node/node-registry.ts';
import type { RequestContext, RequestLoader } from '../shared/context.ts';
import { fromGlobalId, toGlobalId, uuidPattern } from '../shared/global-id.ts';
import { keysetPage, timestampPosition } from '../shared/keyset.ts';
import { buildConnection, toPageRequest } from '../shared/pagination.ts';
import { DomainError } from '../shared/errors.ts';
import { siteById } from '../sites/site.loader.ts';
import { Site } from '../sites/site.type.ts';
import { StaffMember } from '../staff/staff-member.type.ts';
import { cancelCrmExport } from './cancel-crm-export.ts';
import {
  createCrmConnection,
  deleteCrmConnection,
  testCrmConnection,
  updateCrmConnection,
} from './crm-connections.ts';
import {
  CancelCrmExportInput,
  CancelCrmExportPayload,
  CreateCrmConnectionInput,
  CrmConnectionIdInput,
  CrmConnectionPayload,
  CrmConnectionsArgs,
  CrmExportItemsArgs,
  CrmExportsArgs,
  DeleteCrmConnectionPayload,
  ExportLeadsInput,
  ExportLeadsPayload,
  TestCrmConnectionPayload,
  UpdateCrmConnectionInput,
} from './crm.inputs.ts';
import {
  CrmConnection,
  CrmExport,
  CrmExportConnection,
  CrmExportItem,
  CrmExportItemConnection,
} from './crm.types.ts';
import { exportLeads } from './export-leads.ts';
import { toCriteria } from '../leads/lead.resolver.ts';

function crmConnectionById(context: RequestContext): RequestLoader<string, CrmConnection | null> {
  return context.loader<string, CrmConnection | null>('crmConnection.byId', async (ids) => {
    const rows = await context.prisma.crmConnection.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, CrmConnection.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

function crmExportById(context: RequestContext): RequestLoader<string, CrmExport | null> {
  return context.loader<string, CrmExport | null>('crmExport.byId', async (ids) => {
    const rows = await context.prisma.crmExport.findMany({ where: { id: { in: [...ids] } } });
    const found = new Map(rows.map((row) => [row.id, CrmExport.fromRow(row)]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

registerNodeType('CrmConnection', {
  permission: Permission.sitesRead,
  load: (context, ids) => crmConnectionById(context).loadMany(ids),
});
registerNodeType('CrmExport', {
  permission: Permission.leadsRead,
  load: (context, ids) => crmExportById(context).loadMany(ids),
});

/** CRM connections, visible to everyone who can see sites (staff pick one to export to); never their secrets. */
@Authorized(Permission.sitesRead)
@Resolver(() => CrmConnection)
export class CrmConnectionResolver {
  @Query(() => [CrmConnection], { description: 'CRM connections, by site then name.' })
  async crmConnections(
    @Args(() => CrmConnectionsArgs) args: CrmConnectionsArgs,
    @Ctx() context: RequestContext,
  ): Promise<CrmConnection[]> {
    const siteId = args.siteId == null ? undefined : fromGlobalId(args.siteId, 'Site', 'siteId');
    const rows = await context.prisma.crmConnection.findMany({
      where: siteId ? { siteId } : {},
      orderBy: [{ siteId: 'asc' }, { name: 'asc' }, { id: 'asc' }],
    });
    return rows.map((row) => CrmConnection.fromRow(row));
  }

  @FieldResolver(() => Site, { description: 'The site whose leads go through the connection.' })
  async site(@Root() connection: CrmConnection, @Ctx() context: RequestContext): Promise<Site> {
    const site = await siteById(context).load(connection.siteId);
    if (!site) throw new Error(`Site ${connection.siteId} of CRM connection ${connection.id} is missing`);
    return site;
  }
}

function toConnectionPayload(result: { connection: Parameters<typeof CrmConnection.fromRow>[0] | null }) {
  return result.connection ? CrmConnection.fromRow(result.connection) : null;
}

/** Managing CRM connections: admins only. */
@Authorized(Permission.administer)
@Resolver()
export class CrmConnectionMutationResolver {
  @Mutation(() => CrmConnectionPayload, {
    description:
      'Connects a site to a CRM. The credentials are stored encrypted and never returned. Audited.',
  })
  async createCrmConnection(
    @Arg('input', () => CreateCrmConnectionInput, { description: 'The connection.' })
    input: CreateCrmConnectionInput,
    @Ctx() context: RequestContext,
  ): Promise<CrmConnectionPayload> {
    const result = await createCrmConnection(context, input);
    return { crmConnection: toConnectionPayload(result), userErrors: result.userErrors };
  }

  @Mutation(() => CrmConnectionPayload, {
    description:
      'Changes a CRM connection: name, address, credentials, purpose, settings, or on/off. Audited.',
  })
  async updateCrmConnection(
    @Arg('input', () => UpdateCrmConnectionInput, { description: 'The connection and the changes.' })
    input: UpdateCrmConnectionInput,
    @Ctx() context: RequestContext,
  ): Promise<CrmConnectionPayload> {
    const result = await updateCrmConnection(context, input);
    return { crmConnection: toConnectionPayload(result), userErrors: result.userErrors };
  }

  @Mutation(() => DeleteCrmConnectionPayload, {
    description:
      'Deletes a CRM connection with its export history and stored CRM ids; refused while an export or CRM ' +
      'erasure through it is pending. Audited.',
  })
  async deleteCrmConnection(
    @Arg('input', () => CrmConnectionIdInput, { description: 'The connection.' }) input: CrmConnectionIdInput,
    @Ctx() context: RequestContext,
  ): Promise<DeleteCrmConnectionPayload> {
    const result = await deleteCrmConnection(context, input);
    return {
      deletedId: result.deletedId ? toGlobalId('CrmConnection', result.deletedId) : null,
      userErrors: result.userErrors,
    };
  }

  @Mutation(() => TestCrmConnectionPayload, {
    description:
      'Makes a harmless call to the CRM with the stored address and credentials and records the result.',
  })
  async testCrmConnection(
    @Arg('input', () => CrmConnectionIdInput, { description: 'The connection.' }) input: CrmConnectionIdInput,
    @Ctx() context: RequestContext,
  ): Promise<TestCrmConnectionPayload> {
    const result = await testCrmConnection(context, input);
    return {
      crmConnection: toConnectionPayload(result),
      ok: result.ok,
      message: result.message,
      userErrors: result.userErrors,
    };
  }
}

/** Exports and their progress: leads:read. */
@Authorized(Permission.leadsRead)
@Resolver(() => CrmExport)
export class CrmExportResolver {
  @Query(() => CrmExport, { nullable: true, description: 'One CRM export; null when no export has this id.' })
  async crmExport(
    @Arg('id', () => ID, { description: 'Global id of the export.' }) id: string,
    @Ctx() context: RequestContext,
  ): Promise<CrmExport | null> {
    return crmExportById(context).load(fromGlobalId(id, 'CrmExport'));
  }

  @Query(() => CrmExportConnection, { description: 'CRM exports, newest first.' })
  async crmExports(
    @Args(() => CrmExportsArgs) args: CrmExportsArgs,
    @Ctx() context: RequestContext,
  ): Promise<CrmExportConnection> {
    const page = toPageRequest(args);
    const connectionId =
      args.filter?.connectionId == null
        ? undefined
        : fromGlobalId(args.filter.connectionId, 'CrmConnection', 'filter.connectionId');
    const where: Prisma.CrmExportWhereInput = {
      ...(connectionId && { connectionId }),
      ...(args.filter?.statuses && { status: { in: args.filter.statuses } }),
    };
    const keyset = keysetPage('createdAt', 'desc', page);
    const rows = await context.prisma.crmExport.findMany({
      where: { AND: [where, keyset.where] },
      orderBy: keyset.orderBy,
      take: page.limit + 1,
    });
    return buildConnection(
      CrmExportConnection,
      page,
      rows.map((row) => CrmExport.fromRow(row)),
      (crmExport) => timestampPosition(crmExport.createdAt, crmExport.id),
      () => context.prisma.crmExport.count({ where }),
    );
  }

  @FieldResolver(() => CrmConnection, { description: 'The connection the leads go to.' })
  async connection(@Root() crmExport: CrmExport, @Ctx() context: RequestContext): Promise<CrmConnection> {
    const connection = await crmConnectionById(context).load(crmExport.connectionId);
    if (!connection) throw new Error(`CRM connection of export ${crmExport.id} is missing`);
    return connection;
  }

  @FieldResolver(() => StaffMember, {
    nullable: true,
    description: 'Who asked for the export; null when an API token did, or the account was deleted.',
  })
  requestedBy(
    @Root() crmExport: CrmExport,
    @Ctx() context: RequestContext,
  ): Promise<StaffMember | null> | null {
    return crmExport.requestedById ? staffMemberById(context).load(crmExport.requestedById) : null;
  }

  @FieldResolver(() => CrmExportItemConnection, {
    description: "Each lead's outcome, in a stable order.",
  })
  async items(
    @Root() crmExport: CrmExport,
    @Args(() => CrmExportItemsArgs) args: CrmExportItemsArgs,
    @Ctx() context: RequestContext,
  ): Promise<CrmExportItemConnection> {
    const page = toPageRequest(args);
    const cursorId = page.after?.[1];
    if (cursorId !== undefined && !uuidPattern.test(cursorId)) {
      const argument = page.direction === 'forward' ? 'after' : 'before';
      throw new DomainError('BAD_USER_INPUT', `${argument} is not a valid cursor for this list`, {
        argument,
      });
    }
    // Unique and never changing, the id alone is the keyset.
    const order = page.direction === 'forward' ? 'asc' : 'desc';
    const where: Prisma.CrmExportItemWhereInput = {
      exportId: crmExport.id,
      ...(args.statuses && { status: { in: args.statuses } }),
    };
    const rows = await context.prisma.crmExportItem.findMany({
      where: cursorId
        ? { AND: [where, { id: order === 'asc' ? { gt: cursorId } : { lt: cursorId } }] }
        : where,
      orderBy: { id: order },
      take: page.limit + 1,
    });
    return buildConnection(
      CrmExportItemConnection,
      page,
      rows.map((row) => CrmExportItem.fromRow(row)),
      (item) => [null, item.id],
      () => context.prisma.crmExportItem.count({ where }),
    );
  }
}

/** The lead behind an export item. */
@Authorized(Permission.leadsRead)
@Resolver(() => CrmExportItem)
export class CrmExportItemResolver {
  @FieldResolver(() => Lead, { nullable: true, description: 'The lead; null once it was deleted or erased.' })
  lead(@Root() item: CrmExportItem, @Ctx() context: RequestContext): Promise<Lead | null> | null {
    return item.leadId ? leadById(context).load(item.leadId) : null;
  }
}

/** Starting and cancelling exports: leads:write. */
@Authorized(Permission.leadsWrite)
@Resolver()
export class CrmExportMutationResolver {
  @Mutation(() => ExportLeadsPayload, {
    description:
      'Pushes leads to a CRM connection in the background and returns the queued export at once. Leads under ' +
      "restriction or objection, or without the consent or basis the connection's purpose needs, are skipped " +
      'with the reason. Exporting a lead again updates its CRM record. Audited.',
  })
  async exportLeads(
    @Arg('input', () => ExportLeadsInput, { description: 'The connection and the leads.' })
    input: ExportLeadsInput,
    @Ctx() context: RequestContext,
  ): Promise<ExportLeadsPayload> {
    const result = await exportLeads(context, {
      connectionId: input.connectionId,
      leadIds: input.leadIds,
      filter:
        input.filter === undefined || input.filter === null
          ? input.filter
          : toCriteria(input.filter, 'input.filter'),
    });
    return {
      crmExport: result.crmExport ? CrmExport.fromRow(result.crmExport) : null,
      userErrors: result.userErrors,
    };
  }

  @Mutation(() => CancelCrmExportPayload, {
    description: 'Cancels a queued or running export; leads not sent by then stay pending. Audited.',
  })
  async cancelCrmExport(
    @Arg('input', () => CancelCrmExportInput, { description: 'The export.' }) input: CancelCrmExportInput,
    @Ctx() context: RequestContext,
  ): Promise<CancelCrmExportPayload> {
    const result = await cancelCrmExport(context, input);
    return {
      crmExport: result.crmExport ? CrmExport.fromRow(result.crmExport) : null,
      userErrors: result.userErrors,
    };
  }
}
