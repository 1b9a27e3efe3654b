/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
  '\n  fragment SiteCard_site on Site {\n    id\n    name\n    domain\n    widgetKeyPrefix\n    allowedOrigins\n    policyVersion\n    timezone\n    holidays\n    messageMaxLength\n    updatedAt\n    erasureDeadline {\n      days\n      unit\n    }\n    examinationDeadline {\n      days\n      unit\n    }\n    requestDeadline {\n      days\n      unit\n    }\n    requestMaxDeadline {\n      days\n      unit\n    }\n    retentionPolicy {\n      conversationRetentionDays\n      leadRetentionMonths\n      engagedLegalRetentionMonths\n      requestRecordRetentionMonths\n      backupPurgeDays\n      childAgeThreshold\n    }\n  }\n': typeof types.SiteCard_SiteFragmentDoc;
  '\n  query Sites {\n    sites {\n      id\n      ...SiteCard_site\n    }\n  }\n': typeof types.SitesDocument;
  '\n  fragment StaffRow_staffMember on StaffMember {\n    id\n    name\n    email\n    roles\n    disabled\n    lastLoginAt\n    createdAt\n  }\n': typeof types.StaffRow_StaffMemberFragmentDoc;
  '\n  query StaffMembers {\n    staffMembers(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...StaffRow_staffMember\n      }\n    }\n  }\n': typeof types.StaffMembersDocument;
  '\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.CreateStaffMemberDocument;
  '\n  mutation UpdateStaffMember($input: UpdateStaffMemberInput!) {\n    updateStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.UpdateStaffMemberDocument;
  '\n  fragment TokenRow_apiToken on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    active\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n  }\n': typeof types.TokenRow_ApiTokenFragmentDoc;
  '\n  query ApiTokens {\n    apiTokens(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...TokenRow_apiToken\n      }\n    }\n  }\n': typeof types.ApiTokensDocument;
  '\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.CreateApiTokenDocument;
  '\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RevokeApiTokenDocument;
  '\n  mutation SignOut {\n    logout {\n      userErrors {\n        message\n      }\n    }\n  }\n': typeof types.SignOutDocument;
  '\n  fragment AuditRow_event on AuditEvent {\n    id\n    action\n    actorType\n    actorLabel\n    occurredAt\n    targetType\n    targetIds\n    details\n    redactedAt\n    requestId\n  }\n': typeof types.AuditRow_EventFragmentDoc;
  '\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AuditRow_event\n        }\n      }\n    }\n  }\n': typeof types.AuditEventsDocument;
  '\n  query VerifyAuditChain {\n    auditChainVerification {\n      valid\n      eventsChecked\n      redactedEvents\n      firstBrokenEventId\n    }\n  }\n': typeof types.VerifyAuditChainDocument;
  '\n  query SiteChoices {\n    sites {\n      id\n      name\n    }\n  }\n': typeof types.SiteChoicesDocument;
  '\n  fragment ConsentRow_consent on Consent {\n    id\n    action\n    purpose\n    legalBasis\n    source\n    policyVersion\n    evidence\n    occurredAt\n    subjectEmail\n    site {\n      id\n      name\n    }\n    recordedBy {\n      id\n      name\n    }\n  }\n': typeof types.ConsentRow_ConsentFragmentDoc;
  '\n  query Consents($first: Int!, $after: String, $filter: ConsentFilter) {\n    consents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConsentRow_consent\n        }\n      }\n    }\n  }\n': typeof types.ConsentsDocument;
  '\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.RecordConsentDocument;
  '\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.WithdrawConsentDocument;
  '\n  fragment ConversationRow_conversation on Conversation {\n    id\n    channel\n    country\n    startedAt\n    lastMessageAt\n    messageCount\n    site {\n      id\n      name\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    lead {\n      id\n      name\n      email\n      status\n    }\n    matches {\n      field\n      snippet\n      messageId\n      highlights {\n        start\n        end\n      }\n    }\n  }\n': typeof types.ConversationRow_ConversationFragmentDoc;
  '\n  query Conversations($first: Int!, $after: String, $search: String, $filter: ConversationFilter) {\n    conversations(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConversationRow_conversation\n        }\n      }\n    }\n  }\n': typeof types.ConversationsDocument;
  '\n  fragment TranscriptMessage_message on Message {\n    id\n    role\n    sentAt\n    text\n    redactionCount\n  }\n': typeof types.TranscriptMessage_MessageFragmentDoc;
  '\n  query Transcript($id: ID!, $after: String) {\n    node(id: $id) {\n      __typename\n      ... on Conversation {\n        id\n        channel\n        country\n        city\n        userAgent\n        referrer\n        startedAt\n        lastMessageAt\n        messageCount\n        site {\n          id\n          name\n          domain\n        }\n        retention {\n          expiresAt\n          daysLeft\n          onHold\n        }\n        messages(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            ...TranscriptMessage_message\n          }\n        }\n        lead {\n          id\n          ...LeadCard_lead\n        }\n      }\n    }\n  }\n': typeof types.TranscriptDocument;
  '\n  query DashboardNewLeads {\n    leads(first: 5, filter: { statuses: [NEW] }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n        company\n        status\n        createdAt\n        site {\n          id\n          name\n        }\n        conversation {\n          id\n        }\n      }\n    }\n  }\n': typeof types.DashboardNewLeadsDocument;
  '\n  query DashboardActivity(\n    $b0: DateTime!\n    $b1: DateTime!\n    $b2: DateTime!\n    $b3: DateTime!\n    $b4: DateTime!\n    $b5: DateTime!\n    $b6: DateTime!\n    $b7: DateTime!\n    $b8: DateTime!\n    $conversations: Boolean!\n    $leads: Boolean!\n  ) {\n    c0: conversations(filter: { startedAfter: $b0, startedBefore: $b1 }) @include(if: $conversations) {\n      totalCount\n    }\n    c1: conversations(filter: { startedAfter: $b1, startedBefore: $b2 }) @include(if: $conversations) {\n      totalCount\n    }\n    c2: conversations(filter: { startedAfter: $b2, startedBefore: $b3 }) @include(if: $conversations) {\n      totalCount\n    }\n    c3: conversations(filter: { startedAfter: $b3, startedBefore: $b4 }) @include(if: $conversations) {\n      totalCount\n    }\n    c4: conversations(filter: { startedAfter: $b4, startedBefore: $b5 }) @include(if: $conversations) {\n      totalCount\n    }\n    c5: conversations(filter: { startedAfter: $b5, startedBefore: $b6 }) @include(if: $conversations) {\n      totalCount\n    }\n    c6: conversations(filter: { startedAfter: $b6, startedBefore: $b7 }) @include(if: $conversations) {\n      totalCount\n    }\n    c7: conversations(filter: { startedAfter: $b7, startedBefore: $b8 }) @include(if: $conversations) {\n      totalCount\n    }\n    l0: leads(filter: { createdAfter: $b0, createdBefore: $b1 }) @include(if: $leads) {\n      totalCount\n    }\n    l1: leads(filter: { createdAfter: $b1, createdBefore: $b2 }) @include(if: $leads) {\n      totalCount\n    }\n    l2: leads(filter: { createdAfter: $b2, createdBefore: $b3 }) @include(if: $leads) {\n      totalCount\n    }\n    l3: leads(filter: { createdAfter: $b3, createdBefore: $b4 }) @include(if: $leads) {\n      totalCount\n    }\n    l4: leads(filter: { createdAfter: $b4, createdBefore: $b5 }) @include(if: $leads) {\n      totalCount\n    }\n    l5: leads(filter: { createdAfter: $b5, createdBefore: $b6 }) @include(if: $leads) {\n      totalCount\n    }\n    l6: leads(filter: { createdAfter: $b6, createdBefore: $b7 }) @include(if: $leads) {\n      totalCount\n    }\n    l7: leads(filter: { createdAfter: $b7, createdBefore: $b8 }) @include(if: $leads) {\n      totalCount\n    }\n  }\n': typeof types.DashboardActivityDocument;
  '\n  query DashboardSites {\n    sites {\n      id\n      name\n    }\n  }\n': typeof types.DashboardSitesDocument;
  '\n  fragment LeadCard_lead on Lead {\n    id\n    name\n    email\n    phone\n    company\n    jobTitle\n    status\n    source\n    createdAt\n    exportedAt\n    restricted\n    objected\n    owner {\n      id\n      name\n    }\n    retention {\n      expiresAt\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        legalBasis\n        since\n      }\n    }\n    ...LeadNotes_lead\n  }\n': typeof types.LeadCard_LeadFragmentDoc;
  '\n  fragment LeadNotes_lead on Lead {\n    id\n    notes(last: 100) {\n      totalCount\n      nodes {\n        id\n        body\n        createdAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n': typeof types.LeadNotes_LeadFragmentDoc;
  '\n  fragment LeadRow_lead on Lead {\n    id\n    name\n    email\n    company\n    status\n    source\n    createdAt\n    restricted\n    objected\n    site {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    conversation {\n      id\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        since\n      }\n    }\n  }\n': typeof types.LeadRow_LeadFragmentDoc;
  '\n  query Leads($first: Int!, $after: String, $search: String, $filter: LeadFilter) {\n    leads(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...LeadRow_lead\n        }\n      }\n    }\n  }\n': typeof types.LeadsDocument;
  '\n  query LeadNotesDrawer($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Lead {\n        id\n        ...LeadNotes_lead\n      }\n    }\n  }\n': typeof types.LeadNotesDrawerDocument;
  '\n  mutation BulkUpdateLeads($input: BulkUpdateLeadsInput!) {\n    bulkUpdateLeads(input: $input) {\n      updatedCount\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.BulkUpdateLeadsDocument;
  '\n  mutation UpdateLead($input: UpdateLeadInput!) {\n    updateLead(input: $input) {\n      lead {\n        id\n        status\n        updatedAt\n        engagedAt\n        owner {\n          id\n          name\n        }\n        notes(last: 100) {\n          totalCount\n          nodes {\n            id\n            body\n            createdAt\n            author {\n              id\n              name\n            }\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.UpdateLeadDocument;
  '\n  query RetentionStatusPage($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      sweepIntervalMinutes\n      overdue {\n        conversations\n        leads\n      }\n      onHold {\n        conversations\n        leads\n        total\n      }\n      policy {\n        conversationRetentionDays\n        leadRetentionMonths\n        engagedLegalRetentionMonths\n      }\n      lastSweep {\n        ...RetentionRunSummary_run\n      }\n      lastDryRun {\n        ...RetentionRunSummary_run\n      }\n    }\n  }\n': typeof types.RetentionStatusPageDocument;
  '\n  fragment RetentionRunSummary_run on RetentionRun {\n    id\n    status\n    dryRun\n    trigger\n    startedAt\n    finishedAt\n    skippedOnHold\n    error\n    counts {\n      recordType\n      count\n    }\n    triggeredBy {\n      id\n      name\n    }\n  }\n': typeof types.RetentionRunSummary_RunFragmentDoc;
  '\n  query RetentionSites {\n    sites {\n      id\n      name\n    }\n  }\n': typeof types.RetentionSitesDocument;
  '\n  query RetentionSummary($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      onHold {\n        total\n      }\n      lastSweep {\n        id\n        finishedAt\n        startedAt\n        status\n      }\n    }\n  }\n': typeof types.RetentionSummaryDocument;
  '\n  query SessionViewer {\n    viewer {\n      __typename\n      permissions\n      ... on StaffViewer {\n        staffMember {\n          id\n          name\n          email\n          roles\n        }\n      }\n    }\n  }\n': typeof types.SessionViewerDocument;
  '\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        staffMember {\n          id\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n': typeof types.SignInDocument;
};
const documents: Documents = {
  '\n  fragment SiteCard_site on Site {\n    id\n    name\n    domain\n    widgetKeyPrefix\n    allowedOrigins\n    policyVersion\n    timezone\n    holidays\n    messageMaxLength\n    updatedAt\n    erasureDeadline {\n      days\n      unit\n    }\n    examinationDeadline {\n      days\n      unit\n    }\n    requestDeadline {\n      days\n      unit\n    }\n    requestMaxDeadline {\n      days\n      unit\n    }\n    retentionPolicy {\n      conversationRetentionDays\n      leadRetentionMonths\n      engagedLegalRetentionMonths\n      requestRecordRetentionMonths\n      backupPurgeDays\n      childAgeThreshold\n    }\n  }\n':
    types.SiteCard_SiteFragmentDoc,
  '\n  query Sites {\n    sites {\n      id\n      ...SiteCard_site\n    }\n  }\n': types.SitesDocument,
  '\n  fragment StaffRow_staffMember on StaffMember {\n    id\n    name\n    email\n    roles\n    disabled\n    lastLoginAt\n    createdAt\n  }\n':
    types.StaffRow_StaffMemberFragmentDoc,
  '\n  query StaffMembers {\n    staffMembers(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...StaffRow_staffMember\n      }\n    }\n  }\n':
    types.StaffMembersDocument,
  '\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.CreateStaffMemberDocument,
  '\n  mutation UpdateStaffMember($input: UpdateStaffMemberInput!) {\n    updateStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.UpdateStaffMemberDocument,
  '\n  fragment TokenRow_apiToken on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    active\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n  }\n':
    types.TokenRow_ApiTokenFragmentDoc,
  '\n  query ApiTokens {\n    apiTokens(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...TokenRow_apiToken\n      }\n    }\n  }\n':
    types.ApiTokensDocument,
  '\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.CreateApiTokenDocument,
  '\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RevokeApiTokenDocument,
  '\n  mutation SignOut {\n    logout {\n      userErrors {\n        message\n      }\n    }\n  }\n':
    types.SignOutDocument,
  '\n  fragment AuditRow_event on AuditEvent {\n    id\n    action\n    actorType\n    actorLabel\n    occurredAt\n    targetType\n    targetIds\n    details\n    redactedAt\n    requestId\n  }\n':
    types.AuditRow_EventFragmentDoc,
  '\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AuditRow_event\n        }\n      }\n    }\n  }\n':
    types.AuditEventsDocument,
  '\n  query VerifyAuditChain {\n    auditChainVerification {\n      valid\n      eventsChecked\n      redactedEvents\n      firstBrokenEventId\n    }\n  }\n':
    types.VerifyAuditChainDocument,
  '\n  query SiteChoices {\n    sites {\n      id\n      name\n    }\n  }\n': types.SiteChoicesDocument,
  '\n  fragment ConsentRow_consent on Consent {\n    id\n    action\n    purpose\n    legalBasis\n    source\n    policyVersion\n    evidence\n    occurredAt\n    subjectEmail\n    site {\n      id\n      name\n    }\n    recordedBy {\n      id\n      name\n    }\n  }\n':
    types.ConsentRow_ConsentFragmentDoc,
  '\n  query Consents($first: Int!, $after: String, $filter: ConsentFilter) {\n    consents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConsentRow_consent\n        }\n      }\n    }\n  }\n':
    types.ConsentsDocument,
  '\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.RecordConsentDocument,
  '\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.WithdrawConsentDocument,
  '\n  fragment ConversationRow_conversation on Conversation {\n    id\n    channel\n    country\n    startedAt\n    lastMessageAt\n    messageCount\n    site {\n      id\n      name\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    lead {\n      id\n      name\n      email\n      status\n    }\n    matches {\n      field\n      snippet\n      messageId\n      highlights {\n        start\n        end\n      }\n    }\n  }\n':
    types.ConversationRow_ConversationFragmentDoc,
  '\n  query Conversations($first: Int!, $after: String, $search: String, $filter: ConversationFilter) {\n    conversations(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConversationRow_conversation\n        }\n      }\n    }\n  }\n':
    types.ConversationsDocument,
  '\n  fragment TranscriptMessage_message on Message {\n    id\n    role\n    sentAt\n    text\n    redactionCount\n  }\n':
    types.TranscriptMessage_MessageFragmentDoc,
  '\n  query Transcript($id: ID!, $after: String) {\n    node(id: $id) {\n      __typename\n      ... on Conversation {\n        id\n        channel\n        country\n        city\n        userAgent\n        referrer\n        startedAt\n        lastMessageAt\n        messageCount\n        site {\n          id\n          name\n          domain\n        }\n        retention {\n          expiresAt\n          daysLeft\n          onHold\n        }\n        messages(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            ...TranscriptMessage_message\n          }\n        }\n        lead {\n          id\n          ...LeadCard_lead\n        }\n      }\n    }\n  }\n':
    types.TranscriptDocument,
  '\n  query DashboardNewLeads {\n    leads(first: 5, filter: { statuses: [NEW] }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n        company\n        status\n        createdAt\n        site {\n          id\n          name\n        }\n        conversation {\n          id\n        }\n      }\n    }\n  }\n':
    types.DashboardNewLeadsDocument,
  '\n  query DashboardActivity(\n    $b0: DateTime!\n    $b1: DateTime!\n    $b2: DateTime!\n    $b3: DateTime!\n    $b4: DateTime!\n    $b5: DateTime!\n    $b6: DateTime!\n    $b7: DateTime!\n    $b8: DateTime!\n    $conversations: Boolean!\n    $leads: Boolean!\n  ) {\n    c0: conversations(filter: { startedAfter: $b0, startedBefore: $b1 }) @include(if: $conversations) {\n      totalCount\n    }\n    c1: conversations(filter: { startedAfter: $b1, startedBefore: $b2 }) @include(if: $conversations) {\n      totalCount\n    }\n    c2: conversations(filter: { startedAfter: $b2, startedBefore: $b3 }) @include(if: $conversations) {\n      totalCount\n    }\n    c3: conversations(filter: { startedAfter: $b3, startedBefore: $b4 }) @include(if: $conversations) {\n      totalCount\n    }\n    c4: conversations(filter: { startedAfter: $b4, startedBefore: $b5 }) @include(if: $conversations) {\n      totalCount\n    }\n    c5: conversations(filter: { startedAfter: $b5, startedBefore: $b6 }) @include(if: $conversations) {\n      totalCount\n    }\n    c6: conversations(filter: { startedAfter: $b6, startedBefore: $b7 }) @include(if: $conversations) {\n      totalCount\n    }\n    c7: conversations(filter: { startedAfter: $b7, startedBefore: $b8 }) @include(if: $conversations) {\n      totalCount\n    }\n    l0: leads(filter: { createdAfter: $b0, createdBefore: $b1 }) @include(if: $leads) {\n      totalCount\n    }\n    l1: leads(filter: { createdAfter: $b1, createdBefore: $b2 }) @include(if: $leads) {\n      totalCount\n    }\n    l2: leads(filter: { createdAfter: $b2, createdBefore: $b3 }) @include(if: $leads) {\n      totalCount\n    }\n    l3: leads(filter: { createdAfter: $b3, createdBefore: $b4 }) @include(if: $leads) {\n      totalCount\n    }\n    l4: leads(filter: { createdAfter: $b4, createdBefore: $b5 }) @include(if: $leads) {\n      totalCount\n    }\n    l5: leads(filter: { createdAfter: $b5, createdBefore: $b6 }) @include(if: $leads) {\n      totalCount\n    }\n    l6: leads(filter: { createdAfter: $b6, createdBefore: $b7 }) @include(if: $leads) {\n      totalCount\n    }\n    l7: leads(filter: { createdAfter: $b7, createdBefore: $b8 }) @include(if: $leads) {\n      totalCount\n    }\n  }\n':
    types.DashboardActivityDocument,
  '\n  query DashboardSites {\n    sites {\n      id\n      name\n    }\n  }\n': types.DashboardSitesDocument,
  '\n  fragment LeadCard_lead on Lead {\n    id\n    name\n    email\n    phone\n    company\n    jobTitle\n    status\n    source\n    createdAt\n    exportedAt\n    restricted\n    objected\n    owner {\n      id\n      name\n    }\n    retention {\n      expiresAt\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        legalBasis\n        since\n      }\n    }\n    ...LeadNotes_lead\n  }\n':
    types.LeadCard_LeadFragmentDoc,
  '\n  fragment LeadNotes_lead on Lead {\n    id\n    notes(last: 100) {\n      totalCount\n      nodes {\n        id\n        body\n        createdAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n':
    types.LeadNotes_LeadFragmentDoc,
  '\n  fragment LeadRow_lead on Lead {\n    id\n    name\n    email\n    company\n    status\n    source\n    createdAt\n    restricted\n    objected\n    site {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    conversation {\n      id\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        since\n      }\n    }\n  }\n':
    types.LeadRow_LeadFragmentDoc,
  '\n  query Leads($first: Int!, $after: String, $search: String, $filter: LeadFilter) {\n    leads(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...LeadRow_lead\n        }\n      }\n    }\n  }\n':
    types.LeadsDocument,
  '\n  query LeadNotesDrawer($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Lead {\n        id\n        ...LeadNotes_lead\n      }\n    }\n  }\n':
    types.LeadNotesDrawerDocument,
  '\n  mutation BulkUpdateLeads($input: BulkUpdateLeadsInput!) {\n    bulkUpdateLeads(input: $input) {\n      updatedCount\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.BulkUpdateLeadsDocument,
  '\n  mutation UpdateLead($input: UpdateLeadInput!) {\n    updateLead(input: $input) {\n      lead {\n        id\n        status\n        updatedAt\n        engagedAt\n        owner {\n          id\n          name\n        }\n        notes(last: 100) {\n          totalCount\n          nodes {\n            id\n            body\n            createdAt\n            author {\n              id\n              name\n            }\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.UpdateLeadDocument,
  '\n  query RetentionStatusPage($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      sweepIntervalMinutes\n      overdue {\n        conversations\n        leads\n      }\n      onHold {\n        conversations\n        leads\n        total\n      }\n      policy {\n        conversationRetentionDays\n        leadRetentionMonths\n        engagedLegalRetentionMonths\n      }\n      lastSweep {\n        ...RetentionRunSummary_run\n      }\n      lastDryRun {\n        ...RetentionRunSummary_run\n      }\n    }\n  }\n':
    types.RetentionStatusPageDocument,
  '\n  fragment RetentionRunSummary_run on RetentionRun {\n    id\n    status\n    dryRun\n    trigger\n    startedAt\n    finishedAt\n    skippedOnHold\n    error\n    counts {\n      recordType\n      count\n    }\n    triggeredBy {\n      id\n      name\n    }\n  }\n':
    types.RetentionRunSummary_RunFragmentDoc,
  '\n  query RetentionSites {\n    sites {\n      id\n      name\n    }\n  }\n': types.RetentionSitesDocument,
  '\n  query RetentionSummary($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      onHold {\n        total\n      }\n      lastSweep {\n        id\n        finishedAt\n        startedAt\n        status\n      }\n    }\n  }\n':
    types.RetentionSummaryDocument,
  '\n  query SessionViewer {\n    viewer {\n      __typename\n      permissions\n      ... on StaffViewer {\n        staffMember {\n          id\n          name\n          email\n          roles\n        }\n      }\n    }\n  }\n':
    types.SessionViewerDocument,
  '\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        staffMember {\n          id\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n':
    types.SignInDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment SiteCard_site on Site {\n    id\n    name\n    domain\n    widgetKeyPrefix\n    allowedOrigins\n    policyVersion\n    timezone\n    holidays\n    messageMaxLength\n    updatedAt\n    erasureDeadline {\n      days\n      unit\n    }\n    examinationDeadline {\n      days\n      unit\n    }\n    requestDeadline {\n      days\n      unit\n    }\n    requestMaxDeadline {\n      days\n      unit\n    }\n    retentionPolicy {\n      conversationRetentionDays\n      leadRetentionMonths\n      engagedLegalRetentionMonths\n      requestRecordRetentionMonths\n      backupPurgeDays\n      childAgeThreshold\n    }\n  }\n',
): (typeof documents)['\n  fragment SiteCard_site on Site {\n    id\n    name\n    domain\n    widgetKeyPrefix\n    allowedOrigins\n    policyVersion\n    timezone\n    holidays\n    messageMaxLength\n    updatedAt\n    erasureDeadline {\n      days\n      unit\n    }\n    examinationDeadline {\n      days\n      unit\n    }\n    requestDeadline {\n      days\n      unit\n    }\n    requestMaxDeadline {\n      days\n      unit\n    }\n    retentionPolicy {\n      conversationRetentionDays\n      leadRetentionMonths\n      engagedLegalRetentionMonths\n      requestRecordRetentionMonths\n      backupPurgeDays\n      childAgeThreshold\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Sites {\n    sites {\n      id\n      ...SiteCard_site\n    }\n  }\n',
): (typeof documents)['\n  query Sites {\n    sites {\n      id\n      ...SiteCard_site\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment StaffRow_staffMember on StaffMember {\n    id\n    name\n    email\n    roles\n    disabled\n    lastLoginAt\n    createdAt\n  }\n',
): (typeof documents)['\n  fragment StaffRow_staffMember on StaffMember {\n    id\n    name\n    email\n    roles\n    disabled\n    lastLoginAt\n    createdAt\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query StaffMembers {\n    staffMembers(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...StaffRow_staffMember\n      }\n    }\n  }\n',
): (typeof documents)['\n  query StaffMembers {\n    staffMembers(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...StaffRow_staffMember\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateStaffMember($input: CreateStaffMemberInput!) {\n    createStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateStaffMember($input: UpdateStaffMemberInput!) {\n    updateStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UpdateStaffMember($input: UpdateStaffMemberInput!) {\n    updateStaffMember(input: $input) {\n      staffMember {\n        id\n        ...StaffRow_staffMember\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TokenRow_apiToken on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    active\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  fragment TokenRow_apiToken on ApiToken {\n    id\n    name\n    prefix\n    scopes\n    active\n    createdAt\n    expiresAt\n    lastUsedAt\n    revokedAt\n    createdBy {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query ApiTokens {\n    apiTokens(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...TokenRow_apiToken\n      }\n    }\n  }\n',
): (typeof documents)['\n  query ApiTokens {\n    apiTokens(first: 100) {\n      totalCount\n      nodes {\n        id\n        ...TokenRow_apiToken\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation CreateApiToken($input: CreateApiTokenInput!) {\n    createApiToken(input: $input) {\n      token\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RevokeApiToken($input: RevokeApiTokenInput!) {\n    revokeApiToken(input: $input) {\n      apiToken {\n        id\n        ...TokenRow_apiToken\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignOut {\n    logout {\n      userErrors {\n        message\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SignOut {\n    logout {\n      userErrors {\n        message\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment AuditRow_event on AuditEvent {\n    id\n    action\n    actorType\n    actorLabel\n    occurredAt\n    targetType\n    targetIds\n    details\n    redactedAt\n    requestId\n  }\n',
): (typeof documents)['\n  fragment AuditRow_event on AuditEvent {\n    id\n    action\n    actorType\n    actorLabel\n    occurredAt\n    targetType\n    targetIds\n    details\n    redactedAt\n    requestId\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AuditRow_event\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query AuditEvents($first: Int!, $after: String, $filter: AuditEventFilter) {\n    auditEvents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...AuditRow_event\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query VerifyAuditChain {\n    auditChainVerification {\n      valid\n      eventsChecked\n      redactedEvents\n      firstBrokenEventId\n    }\n  }\n',
): (typeof documents)['\n  query VerifyAuditChain {\n    auditChainVerification {\n      valid\n      eventsChecked\n      redactedEvents\n      firstBrokenEventId\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SiteChoices {\n    sites {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  query SiteChoices {\n    sites {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ConsentRow_consent on Consent {\n    id\n    action\n    purpose\n    legalBasis\n    source\n    policyVersion\n    evidence\n    occurredAt\n    subjectEmail\n    site {\n      id\n      name\n    }\n    recordedBy {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  fragment ConsentRow_consent on Consent {\n    id\n    action\n    purpose\n    legalBasis\n    source\n    policyVersion\n    evidence\n    occurredAt\n    subjectEmail\n    site {\n      id\n      name\n    }\n    recordedBy {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Consents($first: Int!, $after: String, $filter: ConsentFilter) {\n    consents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConsentRow_consent\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Consents($first: Int!, $after: String, $filter: ConsentFilter) {\n    consents(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConsentRow_consent\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation RecordConsent($input: RecordConsentInput!) {\n    recordConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation WithdrawConsent($input: WithdrawConsentInput!) {\n    withdrawConsent(input: $input) {\n      consent {\n        id\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment ConversationRow_conversation on Conversation {\n    id\n    channel\n    country\n    startedAt\n    lastMessageAt\n    messageCount\n    site {\n      id\n      name\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    lead {\n      id\n      name\n      email\n      status\n    }\n    matches {\n      field\n      snippet\n      messageId\n      highlights {\n        start\n        end\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment ConversationRow_conversation on Conversation {\n    id\n    channel\n    country\n    startedAt\n    lastMessageAt\n    messageCount\n    site {\n      id\n      name\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    lead {\n      id\n      name\n      email\n      status\n    }\n    matches {\n      field\n      snippet\n      messageId\n      highlights {\n        start\n        end\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Conversations($first: Int!, $after: String, $search: String, $filter: ConversationFilter) {\n    conversations(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConversationRow_conversation\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Conversations($first: Int!, $after: String, $search: String, $filter: ConversationFilter) {\n    conversations(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...ConversationRow_conversation\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment TranscriptMessage_message on Message {\n    id\n    role\n    sentAt\n    text\n    redactionCount\n  }\n',
): (typeof documents)['\n  fragment TranscriptMessage_message on Message {\n    id\n    role\n    sentAt\n    text\n    redactionCount\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Transcript($id: ID!, $after: String) {\n    node(id: $id) {\n      __typename\n      ... on Conversation {\n        id\n        channel\n        country\n        city\n        userAgent\n        referrer\n        startedAt\n        lastMessageAt\n        messageCount\n        site {\n          id\n          name\n          domain\n        }\n        retention {\n          expiresAt\n          daysLeft\n          onHold\n        }\n        messages(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            ...TranscriptMessage_message\n          }\n        }\n        lead {\n          id\n          ...LeadCard_lead\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Transcript($id: ID!, $after: String) {\n    node(id: $id) {\n      __typename\n      ... on Conversation {\n        id\n        channel\n        country\n        city\n        userAgent\n        referrer\n        startedAt\n        lastMessageAt\n        messageCount\n        site {\n          id\n          name\n          domain\n        }\n        retention {\n          expiresAt\n          daysLeft\n          onHold\n        }\n        messages(first: 100, after: $after) {\n          pageInfo {\n            hasNextPage\n            endCursor\n          }\n          nodes {\n            id\n            ...TranscriptMessage_message\n          }\n        }\n        lead {\n          id\n          ...LeadCard_lead\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query DashboardNewLeads {\n    leads(first: 5, filter: { statuses: [NEW] }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n        company\n        status\n        createdAt\n        site {\n          id\n          name\n        }\n        conversation {\n          id\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query DashboardNewLeads {\n    leads(first: 5, filter: { statuses: [NEW] }) {\n      totalCount\n      nodes {\n        id\n        name\n        email\n        company\n        status\n        createdAt\n        site {\n          id\n          name\n        }\n        conversation {\n          id\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query DashboardActivity(\n    $b0: DateTime!\n    $b1: DateTime!\n    $b2: DateTime!\n    $b3: DateTime!\n    $b4: DateTime!\n    $b5: DateTime!\n    $b6: DateTime!\n    $b7: DateTime!\n    $b8: DateTime!\n    $conversations: Boolean!\n    $leads: Boolean!\n  ) {\n    c0: conversations(filter: { startedAfter: $b0, startedBefore: $b1 }) @include(if: $conversations) {\n      totalCount\n    }\n    c1: conversations(filter: { startedAfter: $b1, startedBefore: $b2 }) @include(if: $conversations) {\n      totalCount\n    }\n    c2: conversations(filter: { startedAfter: $b2, startedBefore: $b3 }) @include(if: $conversations) {\n      totalCount\n    }\n    c3: conversations(filter: { startedAfter: $b3, startedBefore: $b4 }) @include(if: $conversations) {\n      totalCount\n    }\n    c4: conversations(filter: { startedAfter: $b4, startedBefore: $b5 }) @include(if: $conversations) {\n      totalCount\n    }\n    c5: conversations(filter: { startedAfter: $b5, startedBefore: $b6 }) @include(if: $conversations) {\n      totalCount\n    }\n    c6: conversations(filter: { startedAfter: $b6, startedBefore: $b7 }) @include(if: $conversations) {\n      totalCount\n    }\n    c7: conversations(filter: { startedAfter: $b7, startedBefore: $b8 }) @include(if: $conversations) {\n      totalCount\n    }\n    l0: leads(filter: { createdAfter: $b0, createdBefore: $b1 }) @include(if: $leads) {\n      totalCount\n    }\n    l1: leads(filter: { createdAfter: $b1, createdBefore: $b2 }) @include(if: $leads) {\n      totalCount\n    }\n    l2: leads(filter: { createdAfter: $b2, createdBefore: $b3 }) @include(if: $leads) {\n      totalCount\n    }\n    l3: leads(filter: { createdAfter: $b3, createdBefore: $b4 }) @include(if: $leads) {\n      totalCount\n    }\n    l4: leads(filter: { createdAfter: $b4, createdBefore: $b5 }) @include(if: $leads) {\n      totalCount\n    }\n    l5: leads(filter: { createdAfter: $b5, createdBefore: $b6 }) @include(if: $leads) {\n      totalCount\n    }\n    l6: leads(filter: { createdAfter: $b6, createdBefore: $b7 }) @include(if: $leads) {\n      totalCount\n    }\n    l7: leads(filter: { createdAfter: $b7, createdBefore: $b8 }) @include(if: $leads) {\n      totalCount\n    }\n  }\n',
): (typeof documents)['\n  query DashboardActivity(\n    $b0: DateTime!\n    $b1: DateTime!\n    $b2: DateTime!\n    $b3: DateTime!\n    $b4: DateTime!\n    $b5: DateTime!\n    $b6: DateTime!\n    $b7: DateTime!\n    $b8: DateTime!\n    $conversations: Boolean!\n    $leads: Boolean!\n  ) {\n    c0: conversations(filter: { startedAfter: $b0, startedBefore: $b1 }) @include(if: $conversations) {\n      totalCount\n    }\n    c1: conversations(filter: { startedAfter: $b1, startedBefore: $b2 }) @include(if: $conversations) {\n      totalCount\n    }\n    c2: conversations(filter: { startedAfter: $b2, startedBefore: $b3 }) @include(if: $conversations) {\n      totalCount\n    }\n    c3: conversations(filter: { startedAfter: $b3, startedBefore: $b4 }) @include(if: $conversations) {\n      totalCount\n    }\n    c4: conversations(filter: { startedAfter: $b4, startedBefore: $b5 }) @include(if: $conversations) {\n      totalCount\n    }\n    c5: conversations(filter: { startedAfter: $b5, startedBefore: $b6 }) @include(if: $conversations) {\n      totalCount\n    }\n    c6: conversations(filter: { startedAfter: $b6, startedBefore: $b7 }) @include(if: $conversations) {\n      totalCount\n    }\n    c7: conversations(filter: { startedAfter: $b7, startedBefore: $b8 }) @include(if: $conversations) {\n      totalCount\n    }\n    l0: leads(filter: { createdAfter: $b0, createdBefore: $b1 }) @include(if: $leads) {\n      totalCount\n    }\n    l1: leads(filter: { createdAfter: $b1, createdBefore: $b2 }) @include(if: $leads) {\n      totalCount\n    }\n    l2: leads(filter: { createdAfter: $b2, createdBefore: $b3 }) @include(if: $leads) {\n      totalCount\n    }\n    l3: leads(filter: { createdAfter: $b3, createdBefore: $b4 }) @include(if: $leads) {\n      totalCount\n    }\n    l4: leads(filter: { createdAfter: $b4, createdBefore: $b5 }) @include(if: $leads) {\n      totalCount\n    }\n    l5: leads(filter: { createdAfter: $b5, createdBefore: $b6 }) @include(if: $leads) {\n      totalCount\n    }\n    l6: leads(filter: { createdAfter: $b6, createdBefore: $b7 }) @include(if: $leads) {\n      totalCount\n    }\n    l7: leads(filter: { createdAfter: $b7, createdBefore: $b8 }) @include(if: $leads) {\n      totalCount\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query DashboardSites {\n    sites {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  query DashboardSites {\n    sites {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment LeadCard_lead on Lead {\n    id\n    name\n    email\n    phone\n    company\n    jobTitle\n    status\n    source\n    createdAt\n    exportedAt\n    restricted\n    objected\n    owner {\n      id\n      name\n    }\n    retention {\n      expiresAt\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        legalBasis\n        since\n      }\n    }\n    ...LeadNotes_lead\n  }\n',
): (typeof documents)['\n  fragment LeadCard_lead on Lead {\n    id\n    name\n    email\n    phone\n    company\n    jobTitle\n    status\n    source\n    createdAt\n    exportedAt\n    restricted\n    objected\n    owner {\n      id\n      name\n    }\n    retention {\n      expiresAt\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        legalBasis\n        since\n      }\n    }\n    ...LeadNotes_lead\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment LeadNotes_lead on Lead {\n    id\n    notes(last: 100) {\n      totalCount\n      nodes {\n        id\n        body\n        createdAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment LeadNotes_lead on Lead {\n    id\n    notes(last: 100) {\n      totalCount\n      nodes {\n        id\n        body\n        createdAt\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment LeadRow_lead on Lead {\n    id\n    name\n    email\n    company\n    status\n    source\n    createdAt\n    restricted\n    objected\n    site {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    conversation {\n      id\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        since\n      }\n    }\n  }\n',
): (typeof documents)['\n  fragment LeadRow_lead on Lead {\n    id\n    name\n    email\n    company\n    status\n    source\n    createdAt\n    restricted\n    objected\n    site {\n      id\n      name\n    }\n    owner {\n      id\n      name\n    }\n    conversation {\n      id\n    }\n    retention {\n      daysLeft\n      onHold\n    }\n    consents {\n      current {\n        purpose\n        granted\n        since\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query Leads($first: Int!, $after: String, $search: String, $filter: LeadFilter) {\n    leads(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...LeadRow_lead\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query Leads($first: Int!, $after: String, $search: String, $filter: LeadFilter) {\n    leads(first: $first, after: $after, search: $search, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          ...LeadRow_lead\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query LeadNotesDrawer($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Lead {\n        id\n        ...LeadNotes_lead\n      }\n    }\n  }\n',
): (typeof documents)['\n  query LeadNotesDrawer($id: ID!) {\n    node(id: $id) {\n      __typename\n      ... on Lead {\n        id\n        ...LeadNotes_lead\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation BulkUpdateLeads($input: BulkUpdateLeadsInput!) {\n    bulkUpdateLeads(input: $input) {\n      updatedCount\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation BulkUpdateLeads($input: BulkUpdateLeadsInput!) {\n    bulkUpdateLeads(input: $input) {\n      updatedCount\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation UpdateLead($input: UpdateLeadInput!) {\n    updateLead(input: $input) {\n      lead {\n        id\n        status\n        updatedAt\n        engagedAt\n        owner {\n          id\n          name\n        }\n        notes(last: 100) {\n          totalCount\n          nodes {\n            id\n            body\n            createdAt\n            author {\n              id\n              name\n            }\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation UpdateLead($input: UpdateLeadInput!) {\n    updateLead(input: $input) {\n      lead {\n        id\n        status\n        updatedAt\n        engagedAt\n        owner {\n          id\n          name\n        }\n        notes(last: 100) {\n          totalCount\n          nodes {\n            id\n            body\n            createdAt\n            author {\n              id\n              name\n            }\n          }\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RetentionStatusPage($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      sweepIntervalMinutes\n      overdue {\n        conversations\n        leads\n      }\n      onHold {\n        conversations\n        leads\n        total\n      }\n      policy {\n        conversationRetentionDays\n        leadRetentionMonths\n        engagedLegalRetentionMonths\n      }\n      lastSweep {\n        ...RetentionRunSummary_run\n      }\n      lastDryRun {\n        ...RetentionRunSummary_run\n      }\n    }\n  }\n',
): (typeof documents)['\n  query RetentionStatusPage($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      sweepIntervalMinutes\n      overdue {\n        conversations\n        leads\n      }\n      onHold {\n        conversations\n        leads\n        total\n      }\n      policy {\n        conversationRetentionDays\n        leadRetentionMonths\n        engagedLegalRetentionMonths\n      }\n      lastSweep {\n        ...RetentionRunSummary_run\n      }\n      lastDryRun {\n        ...RetentionRunSummary_run\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  fragment RetentionRunSummary_run on RetentionRun {\n    id\n    status\n    dryRun\n    trigger\n    startedAt\n    finishedAt\n    skippedOnHold\n    error\n    counts {\n      recordType\n      count\n    }\n    triggeredBy {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  fragment RetentionRunSummary_run on RetentionRun {\n    id\n    status\n    dryRun\n    trigger\n    startedAt\n    finishedAt\n    skippedOnHold\n    error\n    counts {\n      recordType\n      count\n    }\n    triggeredBy {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RetentionSites {\n    sites {\n      id\n      name\n    }\n  }\n',
): (typeof documents)['\n  query RetentionSites {\n    sites {\n      id\n      name\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query RetentionSummary($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      onHold {\n        total\n      }\n      lastSweep {\n        id\n        finishedAt\n        startedAt\n        status\n      }\n    }\n  }\n',
): (typeof documents)['\n  query RetentionSummary($siteId: ID!) {\n    retentionStatus(siteId: $siteId) {\n      expiringWithin7Days\n      expiringWithin30Days\n      overdueCount\n      nextSweepAt\n      onHold {\n        total\n      }\n      lastSweep {\n        id\n        finishedAt\n        startedAt\n        status\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  query SessionViewer {\n    viewer {\n      __typename\n      permissions\n      ... on StaffViewer {\n        staffMember {\n          id\n          name\n          email\n          roles\n        }\n      }\n    }\n  }\n',
): (typeof documents)['\n  query SessionViewer {\n    viewer {\n      __typename\n      permissions\n      ... on StaffViewer {\n        staffMember {\n          id\n          name\n          email\n          roles\n        }\n      }\n    }\n  }\n'];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(
  source: '\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        staffMember {\n          id\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n',
): (typeof documents)['\n  mutation SignIn($input: LoginInput!) {\n    login(input: $input) {\n      viewer {\n        staffMember {\n          id\n        }\n      }\n      userErrors {\n        field\n        message\n        code\n      }\n    }\n  }\n'];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> =
  TDocumentNode extends DocumentNode<infer TType, any> ? TType : never;
