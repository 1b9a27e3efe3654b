import {
  getNamedType,
  isLeafType,
  isNonNullType,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { toGlobalId } from '../shared/global-id.ts';

/** Ids of records that do not exist: allowed callers get NOT_FOUND or a userError, never a change. */
const missing = {
  site: toGlobalId('Site', '01960000-0000-7000-8000-00000000a001'),
  lead: toGlobalId('Lead', '01960000-0000-7000-8000-00000000a002'),
  staffMember: toGlobalId('StaffMember', '01960000-0000-7000-8000-00000000a003'),
  apiToken: toGlobalId('ApiToken', '01960000-0000-7000-8000-00000000a004'),
  privacyRequest: toGlobalId('PrivacyRequest', '01960000-0000-7000-8000-00000000a005'),
  subjectFlag: toGlobalId('SubjectFlag', '01960000-0000-7000-8000-00000000a006'),
  subjectExport: toGlobalId('SubjectExport', '01960000-0000-7000-8000-00000000a007'),
  conversation: toGlobalId('Conversation', '01960000-0000-7000-8000-00000000a008'),
  legalHold: toGlobalId('LegalHold', '01960000-0000-7000-8000-00000000a009'),
  crmConnection: toGlobalId('CrmConnection', '01960000-0000-7000-8000-00000000a00a'),
  crmExport: toGlobalId('CrmExport', '01960000-0000-7000-8000-00000000a00b'),
};

type Variables = Record<string, unknown>;

/**
 * Minimal valid variables for every root operation, keyed "Query.field" / "Mutation.field"; a list
 * gives several variants (e.g. with and without `search`, which needs another permission). The
 * authorization matrix and the hostile-input test call each operation with these; an operation
 * missing here fails both tests with "add sample arguments for …". Optional string arguments worth
 * attacking (search) are included on purpose.
 */
export const operationSamples: Record<string, Variables | Variables[]> = {
  'Query.apiTokens': { first: 5 },
  'Query.apiVersion': {},
  'Query.auditChainVerification': {},
  'Query.auditEvents': { first: 5, filter: { actions: ['lead.update'] } },
  'Query.consents': { first: 5, filter: { subjectEmail: 'visitor@example.com' } },
  'Query.conversations': [{ first: 5 }, { first: 5, search: 'pricing question', filter: { country: 'DE' } }],
  'Query.crmConnections': { siteId: missing.site },
  'Query.crmExport': { id: missing.crmExport },
  'Query.crmExports': { first: 5, filter: { connectionId: missing.crmConnection, statuses: ['RUNNING'] } },
  'Query.leads': [{ first: 5 }, { first: 5, search: 'acme' }],
  'Query.node': { id: missing.lead },
  'Query.nodes': { ids: [missing.lead, missing.site] },
  'Query.retentionPreview': { siteId: missing.site, horizonDays: 30, first: 5 },
  'Query.retentionRuns': { first: 5, filter: { dryRun: true } },
  'Query.retentionStatus': { siteId: missing.site },
  'Query.sites': {},
  'Query.staffMembers': { first: 5 },
  'Query.viewer': {},
  'Mutation.bulkUpdateLeads': { input: { ids: [missing.lead], status: 'QUALIFIED', note: 'Called back' } },
  'Mutation.cancelCrmExport': { input: { id: missing.crmExport } },
  'Mutation.changePassword': {
    input: { currentPassword: 'not the password', newPassword: 'a brand new passphrase' },
  },
  'Mutation.createApiToken': { input: { name: 'Matrix test', scopes: ['LEADS_READ'] } },
  'Mutation.createCrmConnection': {
    input: {
      siteId: missing.site,
      kind: 'HUBSPOT',
      name: 'Matrix HubSpot',
      credentials: { accessToken: 'pat-na1-not-a-real-token' },
    },
  },
  'Mutation.createStaffMember': {
    input: {
      email: 'matrix-new-staff@confide.test',
      name: 'New Staff',
      roles: ['SALES'],
      password: 'a long enough passphrase',
    },
  },
  'Mutation.deleteCrmConnection': { input: { id: missing.crmConnection } },
  'Mutation.exportLeads': [
    { input: { connectionId: missing.crmConnection, leadIds: [missing.lead] } },
    { input: { connectionId: missing.crmConnection, filter: { statuses: ['QUALIFIED'] } } },
  ],
  'Mutation.login': { input: { email: 'nobody@confide.test', password: 'not the password' } },
  'Mutation.logout': {},
  'Mutation.placeLegalHold': { input: { recordId: missing.lead, reason: 'Pending dispute' } },
  'Mutation.recordConsent': {
    input: {
      siteId: missing.site,
      subjectEmail: 'visitor@example.com',
      purpose: 'MARKETING_COMMUNICATIONS',
      legalBasis: 'CONSENT',
      evidence: 'Checkbox on the contact form',
    },
  },
  'Mutation.releaseLegalHold': { input: { id: missing.legalHold } },
  'Mutation.revokeApiToken': { input: { id: missing.apiToken } },
  'Mutation.runRetentionSweep': { input: { siteId: missing.site, dryRun: false } },
  'Mutation.testCrmConnection': { input: { id: missing.crmConnection } },
  'Mutation.updateCrmConnection': { input: { id: missing.crmConnection, name: 'Renamed' } },
  'Mutation.updateLead': { input: { id: missing.lead, status: 'QUALIFIED', note: 'Called back' } },
  'Mutation.updateStaffMember': { input: { id: missing.staffMember, name: 'Renamed' } },
  'Mutation.withdrawConsent': {
    input: { siteId: missing.site, subjectEmail: 'visitor@example.com', purpose: 'MARKETING_COMMUNICATIONS' },
  },
  'Query.privacyRequest': { id: missing.privacyRequest },
  'Query.privacyRequests': [
    { first: 5 },
    { first: 5, filter: { open: true, types: ['ERASURE'] }, orderBy: 'URGENCY' },
  ],
  'Query.subjectData': { email: ' Visitor@Example.com ', siteId: missing.site },
  'Query.subjectExport': { id: missing.subjectExport },
  'Mutation.completePrivacyRequest': { input: { requestId: missing.privacyRequest } },
  'Mutation.createPrivacyRequest': {
    input: { siteId: missing.site, type: 'ERASURE', channel: 'EMAIL', requesterEmail: 'visitor@example.com' },
  },
  'Mutation.executeErasure': {
    input: { requestId: missing.privacyRequest, confirmEmail: 'visitor@example.com' },
  },
  'Mutation.exportSubjectData': { input: { requestId: missing.privacyRequest } },
  'Mutation.extendPrivacyRequest': {
    input: {
      requestId: missing.privacyRequest,
      officialName: 'Privacy officer',
      noticeDate: '2026-04-27T10:00:00.000Z',
      reason: 'Archive retrieval',
      newDueAt: '2026-05-27T10:00:00.000Z',
    },
  },
  'Mutation.liftSubjectFlag': { input: { flagId: missing.subjectFlag } },
  'Mutation.markChildData': { input: { conversationId: missing.conversation } },
  'Mutation.placeSubjectFlag': { input: { requestId: missing.privacyRequest, reason: 'Accuracy contested' } },
  'Mutation.rectifyLead': {
    input: { requestId: missing.privacyRequest, leadId: missing.lead, changes: { phone: '+380501234567' } },
  },
  'Mutation.rejectPrivacyRequest': { input: { requestId: missing.privacyRequest, reason: 'Not verifiable' } },
  'Mutation.verifyPrivacyRequest': { input: { requestId: missing.privacyRequest } },
  'Mutation.withdrawSubjectConsents': {
    input: { requestId: missing.privacyRequest, purposes: ['MARKETING_COMMUNICATIONS'] },
  },
};

export interface RootOperation {
  /** "Query.field" or "Mutation.field". */
  key: string;
  kind: 'query' | 'mutation';
  field: GraphQLField<unknown, unknown>;
}

/** Every root query and mutation of the schema, sorted by key. */
export function rootOperations(schema: GraphQLSchema): RootOperation[] {
  const roots: [RootOperation['kind'], GraphQLObjectType | null | undefined][] = [
    ['query', schema.getQueryType()],
    ['mutation', schema.getMutationType()],
  ];
  return roots
    .flatMap(([kind, type]) =>
      Object.values(type?.getFields() ?? {}).map((field) => ({
        key: `${type!.name}.${field.name}`,
        kind,
        field,
      })),
    )
    .sort((a, b) => a.key.localeCompare(b.key));
}

/**
 * A document calling one root operation with `variables`, selecting only `__typename` (or nothing,
 * for a scalar), so what is tested is the operation's own authorization, not its fields'.
 */
export function operationDocument(
  operation: RootOperation,
  variables: Variables,
): { query: string; variables: Variables } {
  const { field, kind } = operation;
  const unknown = Object.keys(variables).filter((name) => !field.args.some((arg) => arg.name === name));
  if (unknown.length > 0) {
    throw new Error(`Sample arguments for ${operation.key} name unknown arguments: ${unknown.join(', ')}`);
  }
  const missingRequired = field.args
    .filter((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined && !(arg.name in variables))
    .map((arg) => arg.name);
  if (missingRequired.length > 0) {
    throw new Error(
      `Sample arguments for ${operation.key} lack required arguments: ${missingRequired.join(', ')}`,
    );
  }
  const used = field.args.filter((arg) => arg.name in variables);
  const declarations = used.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const callArguments = used.map((arg) => `${arg.name}: $${arg.name}`).join(', ');
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  return {
    query: `${kind} Sample${declarations ? `(${declarations})` : ''} { ${field.name}${callArguments ? `(${callArguments})` : ''}${selection} }`,
    variables,
  };
}

/** The sample variables of an operation (one set per variant), or a failure telling what to add. */
export function sampleVariants(operation: RootOperation): Variables[] {
  const sample = operationSamples[operation.key];
  if (!sample) {
    throw new Error(
      `add sample arguments for ${operation.key} to operationSamples in api/src/testing/operation-samples.ts`,
    );
  }
  return Array.isArray(sample) ? sample : [sample];
}
