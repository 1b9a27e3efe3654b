import 'reflect-metadata';
import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { buildSchema } from 'type-graphql';
import { AuditResolver } from '../audit/audit.resolver.ts';
import { enforceAuthorization } from '../auth/enforce-authorization.ts';
import { guardPersonalFields } from '../auth/personal-field.ts';
import { validateArgs } from '../shared/validate-args.ts';
import { PublicAuthResolver, SessionResolver } from '../auth/auth.resolver.ts';
import { ConsentMutationResolver, ConsentResolver } from '../consents/consent.resolver.ts';
import { ConversationLeadResolver, ConversationResolver } from '../conversations/conversation.resolver.ts';
import {
  CrmConnectionMutationResolver,
  CrmConnectionResolver,
  CrmExportItemResolver,
  CrmExportMutationResolver,
  CrmExportResolver,
} from '../crm/crm.resolver.ts';
import { LeadMutationResolver, LeadNoteResolver, LeadResolver } from '../leads/lead.resolver.ts';
import { resolveNodeTypes } from '../node/node.interface.ts';
import { NodeResolver } from '../node/node.resolver.ts';
import {
  PrivacyRequestMutationResolver,
  PrivacyRequestResolver,
} from '../privacy-requests/privacy-request.resolver.ts';
import {
  LegalHoldResolver,
  RetentionMutationResolver,
  RetentionPreviewItemResolver,
  RetentionRunResolver,
  RetentionStatusResolver,
} from '../retention/retention.resolver.ts';
import { SiteResolver } from '../sites/site.resolver.ts';
import { StaffResolver } from '../staff/staff.resolver.ts';
import { SubjectMutationResolver, SubjectResolver } from '../subjects/subject.resolver.ts';
import { SystemResolver } from '../system/system.resolver.ts';
import { ApiTokenResolver } from '../tokens/api-token.resolver.ts';

/** Every domain's resolvers; the schema is built from these alone. */
export const resolvers = [
  ApiTokenResolver,
  AuditResolver,
  ConsentMutationResolver,
  ConsentResolver,
  ConversationResolver,
  ConversationLeadResolver,
  CrmConnectionMutationResolver,
  CrmConnectionResolver,
  CrmExportItemResolver,
  CrmExportMutationResolver,
  CrmExportResolver,
  LeadMutationResolver,
  LeadNoteResolver,
  LeadResolver,
  LegalHoldResolver,
  NodeResolver,
  PrivacyRequestMutationResolver,
  PrivacyRequestResolver,
  PublicAuthResolver,
  RetentionMutationResolver,
  RetentionPreviewItemResolver,
  RetentionRunResolver,
  RetentionStatusResolver,
  SessionResolver,
  SiteResolver,
  StaffResolver,
  SubjectMutationResolver,
  SubjectResolver,
  SystemResolver,
] as const;

/** Builds the public GraphQL schema from every domain's resolvers. */
export async function buildApiSchema(): Promise<GraphQLSchema> {
  const schema = await buildSchema({
    resolvers,
    // type-graphql insists on an auth checker once `@Authorized` is used, and would run it as async
    // middleware on every field of every row; null passes that check and leaves the enforcement to
    // `enforceAuthorization`, which applies the same declarations synchronously.
    authChecker: null as unknown as undefined,
    validateFn: validateArgs,
    // Dates are ISO 8601 DateTime everywhere; emails use graphql-scalars' EmailAddress explicitly.
    scalarsMap: [{ type: Date, scalar: DateTimeResolver }],
  });
  return resolveNodeTypes(guardPersonalFields(enforceAuthorization(schema, resolvers)));
}

/** schema.graphql as checked in: sorted, so the file changes only when the contract does. */
export function printApiSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
