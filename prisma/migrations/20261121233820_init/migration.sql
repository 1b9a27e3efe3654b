-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateEnum
CREATE TYPE "DeadlineUnit" AS ENUM ('BUSINESS_DAYS', 'CALENDAR_DAYS');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('WIDGET', 'AI_PAGE');

-- CreateEnum
CREATE TYPE "MessageRole" AS ENUM ('VISITOR', 'ASSISTANT');

-- CreateEnum
CREATE TYPE "ContactKind" AS ENUM ('EMAIL', 'PHONE');

-- CreateEnum
CREATE TYPE "LeadSource" AS ENUM ('CHAT', 'CONTACT_FORM');

-- CreateEnum
CREATE TYPE "LeadStatus" AS ENUM ('NEW', 'QUALIFIED', 'CONTACTED', 'ENGAGED', 'DISQUALIFIED');

-- CreateEnum
CREATE TYPE "ConsentPurpose" AS ENUM ('MARKETING_COMMUNICATIONS', 'ANALYTICS_COOKIES', 'MARKETING_COOKIES', 'CHAT_LOGGING', 'CRM_TRANSFER');

-- CreateEnum
CREATE TYPE "LegalBasis" AS ENUM ('CONSENT', 'LEGITIMATE_INTEREST', 'CONTRACT', 'LEGAL_OBLIGATION');

-- CreateEnum
CREATE TYPE "ConsentAction" AS ENUM ('GRANTED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "ConsentSource" AS ENUM ('WIDGET', 'FORM', 'EMAIL', 'STAFF', 'API');

-- CreateEnum
CREATE TYPE "SubjectFlagKind" AS ENUM ('RESTRICTION', 'OBJECTION');

-- CreateEnum
CREATE TYPE "PrivacyRequestType" AS ENUM ('ACCESS', 'RECTIFICATION', 'ERASURE', 'RESTRICTION', 'OBJECTION', 'PORTABILITY', 'WITHDRAW_CONSENT');

-- CreateEnum
CREATE TYPE "PrivacyRequestChannel" AS ENUM ('EMAIL', 'FORM', 'PHONE', 'OTHER');

-- CreateEnum
CREATE TYPE "PrivacyRequestStatus" AS ENUM ('RECEIVED', 'VERIFIED', 'IN_PROGRESS', 'EXTENDED', 'COMPLETED', 'REJECTED');

-- CreateEnum
CREATE TYPE "RetentionTrigger" AS ENUM ('SCHEDULE', 'MANUAL');

-- CreateEnum
CREATE TYPE "RunStatus" AS ENUM ('RUNNING', 'COMPLETED', 'FAILED');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('STAFF', 'TOKEN', 'SYSTEM', 'WIDGET');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('SALES', 'PRIVACY', 'ADMIN');

-- CreateEnum
CREATE TYPE "CrmKind" AS ENUM ('HUBSPOT', 'SALESFORCE', 'PIPEDRIVE', 'WEBHOOK');

-- CreateEnum
CREATE TYPE "CrmExportStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED');

-- CreateEnum
CREATE TYPE "CrmExportItemStatus" AS ENUM ('PENDING', 'DONE', 'FAILED', 'SKIPPED');

-- CreateEnum
CREATE TYPE "CrmErasureStatus" AS ENUM ('PENDING', 'DONE', 'FAILED');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('QUEUED', 'RUNNING', 'DONE', 'FAILED', 'CANCELLED');

-- CreateTable
CREATE TABLE "Site" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "widgetKeyHash" TEXT NOT NULL,
    "widgetKeyPrefix" TEXT NOT NULL,
    "allowedOrigins" TEXT[],
    "policyVersion" TEXT NOT NULL DEFAULT '1',
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "messageMaxLength" INTEGER NOT NULL DEFAULT 4000,
    "childAgeThreshold" INTEGER NOT NULL DEFAULT 16,
    "conversationRetentionDays" INTEGER NOT NULL DEFAULT 90,
    "leadRetentionMonths" INTEGER NOT NULL DEFAULT 24,
    "engagedLegalRetentionMonths" INTEGER NOT NULL DEFAULT 72,
    "requestRecordRetentionMonths" INTEGER NOT NULL DEFAULT 36,
    "backupPurgeDays" INTEGER NOT NULL DEFAULT 30,
    "erasureDueDays" INTEGER NOT NULL DEFAULT 7,
    "erasureDueUnit" "DeadlineUnit" NOT NULL DEFAULT 'BUSINESS_DAYS',
    "examinationDueDays" INTEGER,
    "examinationDueUnit" "DeadlineUnit" NOT NULL DEFAULT 'BUSINESS_DAYS',
    "requestDueDays" INTEGER NOT NULL DEFAULT 30,
    "requestDueUnit" "DeadlineUnit" NOT NULL DEFAULT 'CALENDAR_DAYS',
    "requestMaxDueDays" INTEGER NOT NULL DEFAULT 90,
    "requestMaxDueUnit" "DeadlineUnit" NOT NULL DEFAULT 'CALENDAR_DAYS',
    "holidays" DATE[],
    "erasureReplyTemplate" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Site_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Conversation" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "externalId" UUID NOT NULL,
    "channel" "Channel" NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "lastMessageAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "messageCount" INTEGER NOT NULL DEFAULT 0,
    "ipHash" TEXT,
    "country" VARCHAR(2),
    "city" TEXT,
    "userAgent" TEXT,
    "referrer" TEXT,
    "pageUrl" TEXT,
    "isChildData" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Message" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "externalId" UUID NOT NULL,
    "role" "MessageRole" NOT NULL,
    "text" TEXT NOT NULL,
    "redactionCount" INTEGER NOT NULL DEFAULT 0,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    -- Not expressible in schema.prisma: kept in step with "text" by PostgreSQL itself. The 'simple'
    -- configuration does no stemming, which suits English, Ukrainian and Russian alike.
    "searchVector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, "text")) STORED,

    CONSTRAINT "Message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DetectedContact" (
    "id" UUID NOT NULL,
    "conversationId" UUID NOT NULL,
    "messageId" UUID,
    "kind" "ContactKind" NOT NULL,
    "value" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DetectedContact_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Lead" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "conversationId" UUID,
    "source" "LeadSource" NOT NULL,
    "name" TEXT,
    "jobTitle" TEXT,
    "email" TEXT,
    "emailNormalized" TEXT,
    "phone" TEXT,
    "company" TEXT,
    "status" "LeadStatus" NOT NULL DEFAULT 'NEW',
    "ownerId" UUID,
    "exportedAt" TIMESTAMP(3),
    "engagedAt" TIMESTAMP(3),
    "engagementEndedAt" TIMESTAMP(3),
    "retainUntil" TIMESTAMP(3),
    "isChildData" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Lead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LeadNote" (
    "id" UUID NOT NULL,
    "leadId" UUID NOT NULL,
    "authorId" UUID,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LeadNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Consent" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "subjectEmailNormalized" TEXT NOT NULL,
    "leadId" UUID,
    "purpose" "ConsentPurpose" NOT NULL,
    "legalBasis" "LegalBasis" NOT NULL,
    "action" "ConsentAction" NOT NULL,
    "source" "ConsentSource" NOT NULL,
    "policyVersion" TEXT NOT NULL,
    "evidence" TEXT,
    "recordedById" UUID,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Consent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectFlag" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "subjectEmailNormalized" TEXT NOT NULL,
    "kind" "SubjectFlagKind" NOT NULL,
    "reason" TEXT,
    "requestId" UUID,
    "placedById" UUID,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "liftedAt" TIMESTAMP(3),
    "liftedById" UUID,

    CONSTRAINT "SubjectFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequest" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "type" "PrivacyRequestType" NOT NULL,
    "channel" "PrivacyRequestChannel" NOT NULL,
    "requesterEmail" TEXT,
    "requesterEmailNormalized" TEXT,
    "requesterEmailHash" TEXT NOT NULL,
    "details" TEXT,
    "status" "PrivacyRequestStatus" NOT NULL DEFAULT 'RECEIVED',
    "assigneeId" UUID,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "examinationDueAt" TIMESTAMP(3),
    "dueAt" TIMESTAMP(3) NOT NULL,
    "verifiedAt" TIMESTAMP(3),
    "completedAt" TIMESTAMP(3),
    "rejectedAt" TIMESTAMP(3),
    "rejectionReason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PrivacyRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PrivacyRequestEvent" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "type" TEXT NOT NULL,
    "actorId" UUID,
    "message" TEXT,
    "data" JSONB,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PrivacyRequestEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestExtension" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "officialName" TEXT NOT NULL,
    "noticeDate" TIMESTAMP(3) NOT NULL,
    "reason" TEXT NOT NULL,
    "previousDueAt" TIMESTAMP(3) NOT NULL,
    "newDueAt" TIMESTAMP(3) NOT NULL,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RequestExtension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ErasureReceipt" (
    "id" UUID NOT NULL,
    "requestId" UUID,
    "siteId" UUID NOT NULL,
    "subjectHash" TEXT NOT NULL,
    "counts" JSONB NOT NULL,
    "executedById" UUID,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "completedAt" TIMESTAMP(3),
    "verificationPassed" BOOLEAN,
    "verifiedAt" TIMESTAMP(3),
    "replyText" TEXT,

    CONSTRAINT "ErasureReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SubjectExport" (
    "id" UUID NOT NULL,
    "requestId" UUID NOT NULL,
    "createdById" UUID,
    "json" JSONB NOT NULL,
    "html" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SubjectExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LegalHold" (
    "id" UUID NOT NULL,
    "conversationId" UUID,
    "leadId" UUID,
    "reason" TEXT NOT NULL,
    "ownerId" UUID,
    "placedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "releasedAt" TIMESTAMP(3),
    "releasedById" UUID,

    CONSTRAINT "LegalHold_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RetentionRun" (
    "id" UUID NOT NULL,
    "siteId" UUID,
    "trigger" "RetentionTrigger" NOT NULL,
    "dryRun" BOOLEAN NOT NULL DEFAULT false,
    "status" "RunStatus" NOT NULL DEFAULT 'RUNNING',
    "startedAt" TIMESTAMP(3) NOT NULL,
    "finishedAt" TIMESTAMP(3),
    "counts" JSONB NOT NULL DEFAULT '{}',
    "skippedOnHold" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "triggeredById" UUID,

    CONSTRAINT "RetentionRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorLabel" TEXT,
    "action" TEXT NOT NULL,
    "targetType" TEXT,
    "targetIds" TEXT[],
    "requestId" TEXT,
    "details" JSONB,
    "detailsHash" TEXT NOT NULL,
    "redactedAt" TIMESTAMP(3),
    "prevHash" TEXT NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StaffUser" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "roles" "Role"[],
    "disabledAt" TIMESTAMP(3),
    "lastLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StaffUser_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" UUID NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "staffUserId" UUID NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "userAgent" TEXT,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "tokenPrefix" TEXT NOT NULL,
    "scopes" TEXT[],
    "createdById" UUID,
    "expiresAt" TIMESTAMP(3),
    "lastUsedAt" TIMESTAMP(3),
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimitBucket" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitBucket_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "CrmConnection" (
    "id" UUID NOT NULL,
    "siteId" UUID NOT NULL,
    "kind" "CrmKind" NOT NULL,
    "name" TEXT NOT NULL,
    "baseUrl" TEXT,
    "credentialsEncrypted" BYTEA NOT NULL,
    "purpose" "ConsentPurpose" NOT NULL DEFAULT 'CRM_TRANSFER',
    "settings" JSONB NOT NULL DEFAULT '{}',
    "lastTestedAt" TIMESTAMP(3),
    "lastTestOk" BOOLEAN,
    "disabledAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmConnection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrmRecord" (
    "leadId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "crmRecordId" TEXT NOT NULL,
    "crmRecordUrl" TEXT,
    "firstExportedAt" TIMESTAMP(3) NOT NULL,
    "lastExportedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmRecord_pkey" PRIMARY KEY ("leadId","connectionId")
);

-- CreateTable
CREATE TABLE "CrmExport" (
    "id" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "requestedById" UUID,
    "apiTokenId" UUID,
    "selection" JSONB NOT NULL,
    "status" "CrmExportStatus" NOT NULL DEFAULT 'QUEUED',
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),

    CONSTRAINT "CrmExport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrmExportItem" (
    "id" UUID NOT NULL,
    "exportId" UUID NOT NULL,
    "leadId" UUID,
    "status" "CrmExportItemStatus" NOT NULL DEFAULT 'PENDING',
    "crmRecordId" TEXT,
    "crmRecordUrl" TEXT,
    "message" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrmExportItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrmErasure" (
    "id" UUID NOT NULL,
    "receiptId" UUID NOT NULL,
    "connectionId" UUID NOT NULL,
    "crmRecordId" TEXT,
    "subjectEncrypted" BYTEA,
    "status" "CrmErasureStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CrmErasure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Job" (
    "id" UUID NOT NULL,
    "queue" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "maxAttempts" INTEGER NOT NULL DEFAULT 5,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lockedAt" TIMESTAMP(3),
    "lockedBy" TEXT,
    "lastError" TEXT,
    "singletonKey" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "Job_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Site_domain_key" ON "Site"("domain");

-- CreateIndex
CREATE UNIQUE INDEX "Site_widgetKeyHash_key" ON "Site"("widgetKeyHash");

-- CreateIndex
CREATE INDEX "Conversation_siteId_lastMessageAt_idx" ON "Conversation"("siteId", "lastMessageAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_lastMessageAt_idx" ON "Conversation"("lastMessageAt" DESC);

-- CreateIndex
CREATE INDEX "Conversation_expiresAt_idx" ON "Conversation"("expiresAt");

-- CreateIndex
CREATE INDEX "Conversation_siteId_expiresAt_idx" ON "Conversation"("siteId", "expiresAt");

-- CreateIndex
CREATE INDEX "Conversation_startedAt_idx" ON "Conversation"("startedAt");

-- CreateIndex
CREATE INDEX "Conversation_country_idx" ON "Conversation"("country");

-- CreateIndex
CREATE UNIQUE INDEX "Conversation_siteId_externalId_key" ON "Conversation"("siteId", "externalId");

-- CreateIndex
CREATE INDEX "Message_conversationId_sentAt_idx" ON "Message"("conversationId", "sentAt");

-- CreateIndex
CREATE INDEX "Message_searchVector_idx" ON "Message" USING GIN ("searchVector");

-- CreateIndex
CREATE UNIQUE INDEX "Message_conversationId_externalId_key" ON "Message"("conversationId", "externalId");

-- CreateIndex
CREATE INDEX "DetectedContact_kind_value_idx" ON "DetectedContact"("kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "DetectedContact_conversationId_kind_value_key" ON "DetectedContact"("conversationId", "kind", "value");

-- CreateIndex
CREATE UNIQUE INDEX "Lead_conversationId_key" ON "Lead"("conversationId");

-- CreateIndex
CREATE INDEX "Lead_emailNormalized_idx" ON "Lead"("emailNormalized");

-- CreateIndex
CREATE INDEX "Lead_siteId_status_createdAt_idx" ON "Lead"("siteId", "status", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_createdAt_idx" ON "Lead"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "Lead_status_idx" ON "Lead"("status");

-- CreateIndex
CREATE INDEX "Lead_ownerId_idx" ON "Lead"("ownerId");

-- CreateIndex
CREATE INDEX "Lead_retainUntil_idx" ON "Lead"("retainUntil");

-- CreateIndex
CREATE INDEX "Lead_emailNormalized_trgm_idx" ON "Lead" USING GIN ("emailNormalized" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Lead_name_trgm_idx" ON "Lead" USING GIN ("name" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "Lead_company_trgm_idx" ON "Lead" USING GIN ("company" gin_trgm_ops);

-- CreateIndex
CREATE INDEX "LeadNote_leadId_createdAt_idx" ON "LeadNote"("leadId", "createdAt");

-- CreateIndex
CREATE INDEX "Consent_subjectEmailNormalized_purpose_occurredAt_idx" ON "Consent"("subjectEmailNormalized", "purpose", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Consent_siteId_occurredAt_idx" ON "Consent"("siteId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "Consent_leadId_idx" ON "Consent"("leadId");

-- CreateIndex
CREATE INDEX "SubjectFlag_subjectEmailNormalized_liftedAt_idx" ON "SubjectFlag"("subjectEmailNormalized", "liftedAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_status_dueAt_idx" ON "PrivacyRequest"("status", "dueAt");

-- CreateIndex
CREATE INDEX "PrivacyRequest_requesterEmailNormalized_idx" ON "PrivacyRequest"("requesterEmailNormalized");

-- CreateIndex
CREATE INDEX "PrivacyRequest_requesterEmailHash_idx" ON "PrivacyRequest"("requesterEmailHash");

-- CreateIndex
CREATE INDEX "PrivacyRequest_siteId_receivedAt_idx" ON "PrivacyRequest"("siteId", "receivedAt" DESC);

-- CreateIndex
CREATE INDEX "PrivacyRequest_assigneeId_idx" ON "PrivacyRequest"("assigneeId");

-- CreateIndex
CREATE INDEX "PrivacyRequestEvent_requestId_occurredAt_idx" ON "PrivacyRequestEvent"("requestId", "occurredAt");

-- CreateIndex
CREATE INDEX "RequestExtension_requestId_idx" ON "RequestExtension"("requestId");

-- CreateIndex
CREATE UNIQUE INDEX "ErasureReceipt_requestId_key" ON "ErasureReceipt"("requestId");

-- CreateIndex
CREATE INDEX "ErasureReceipt_subjectHash_idx" ON "ErasureReceipt"("subjectHash");

-- CreateIndex
CREATE INDEX "ErasureReceipt_completedAt_idx" ON "ErasureReceipt"("completedAt");

-- CreateIndex
CREATE INDEX "SubjectExport_expiresAt_idx" ON "SubjectExport"("expiresAt");

-- CreateIndex
CREATE INDEX "LegalHold_conversationId_releasedAt_idx" ON "LegalHold"("conversationId", "releasedAt");

-- CreateIndex
CREATE INDEX "LegalHold_leadId_releasedAt_idx" ON "LegalHold"("leadId", "releasedAt");

-- CreateIndex
CREATE INDEX "RetentionRun_startedAt_idx" ON "RetentionRun"("startedAt" DESC);

-- CreateIndex
CREATE INDEX "RetentionRun_siteId_startedAt_idx" ON "RetentionRun"("siteId", "startedAt" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_hash_key" ON "AuditEvent"("hash");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_action_occurredAt_idx" ON "AuditEvent"("action", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_actorId_occurredAt_idx" ON "AuditEvent"("actorId", "occurredAt" DESC);

-- CreateIndex
CREATE INDEX "AuditEvent_targetIds_idx" ON "AuditEvent" USING GIN ("targetIds");

-- CreateIndex
CREATE UNIQUE INDEX "StaffUser_email_key" ON "StaffUser"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Session_tokenHash_key" ON "Session"("tokenHash");

-- CreateIndex
CREATE INDEX "Session_staffUserId_idx" ON "Session"("staffUserId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "RateLimitBucket_windowStart_idx" ON "RateLimitBucket"("windowStart");

-- CreateIndex
CREATE INDEX "CrmConnection_siteId_idx" ON "CrmConnection"("siteId");

-- CreateIndex
CREATE INDEX "CrmRecord_connectionId_crmRecordId_idx" ON "CrmRecord"("connectionId", "crmRecordId");

-- CreateIndex
CREATE INDEX "CrmExport_connectionId_createdAt_idx" ON "CrmExport"("connectionId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "CrmExport_status_idx" ON "CrmExport"("status");

-- CreateIndex
CREATE INDEX "CrmExportItem_exportId_status_idx" ON "CrmExportItem"("exportId", "status");

-- CreateIndex
CREATE INDEX "CrmExportItem_leadId_idx" ON "CrmExportItem"("leadId");

-- CreateIndex
CREATE UNIQUE INDEX "CrmExportItem_exportId_leadId_key" ON "CrmExportItem"("exportId", "leadId");

-- CreateIndex
CREATE INDEX "CrmErasure_status_idx" ON "CrmErasure"("status");

-- CreateIndex
CREATE INDEX "CrmErasure_receiptId_idx" ON "CrmErasure"("receiptId");

-- CreateIndex
CREATE UNIQUE INDEX "Job_singletonKey_key" ON "Job"("singletonKey");

-- CreateIndex
CREATE INDEX "Job_queue_status_runAt_idx" ON "Job"("queue", "status", "runAt");

-- AddForeignKey
ALTER TABLE "Conversation" ADD CONSTRAINT "Conversation_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectedContact" ADD CONSTRAINT "DetectedContact_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DetectedContact" ADD CONSTRAINT "DetectedContact_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "Message"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Lead" ADD CONSTRAINT "Lead_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadNote" ADD CONSTRAINT "LeadNote_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LeadNote" ADD CONSTRAINT "LeadNote_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Consent" ADD CONSTRAINT "Consent_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectFlag" ADD CONSTRAINT "SubjectFlag_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectFlag" ADD CONSTRAINT "SubjectFlag_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequest" ADD CONSTRAINT "PrivacyRequest_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequestEvent" ADD CONSTRAINT "PrivacyRequestEvent_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PrivacyRequestEvent" ADD CONSTRAINT "PrivacyRequestEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestExtension" ADD CONSTRAINT "RequestExtension_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureReceipt" ADD CONSTRAINT "ErasureReceipt_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureReceipt" ADD CONSTRAINT "ErasureReceipt_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ErasureReceipt" ADD CONSTRAINT "ErasureReceipt_executedById_fkey" FOREIGN KEY ("executedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SubjectExport" ADD CONSTRAINT "SubjectExport_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "PrivacyRequest"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_conversationId_fkey" FOREIGN KEY ("conversationId") REFERENCES "Conversation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LegalHold" ADD CONSTRAINT "LegalHold_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RetentionRun" ADD CONSTRAINT "RetentionRun_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_staffUserId_fkey" FOREIGN KEY ("staffUserId") REFERENCES "StaffUser"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmConnection" ADD CONSTRAINT "CrmConnection_siteId_fkey" FOREIGN KEY ("siteId") REFERENCES "Site"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmRecord" ADD CONSTRAINT "CrmRecord_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmRecord" ADD CONSTRAINT "CrmRecord_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmExport" ADD CONSTRAINT "CrmExport_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmExport" ADD CONSTRAINT "CrmExport_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "StaffUser"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmExportItem" ADD CONSTRAINT "CrmExportItem_exportId_fkey" FOREIGN KEY ("exportId") REFERENCES "CrmExport"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmExportItem" ADD CONSTRAINT "CrmExportItem_leadId_fkey" FOREIGN KEY ("leadId") REFERENCES "Lead"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmErasure" ADD CONSTRAINT "CrmErasure_receiptId_fkey" FOREIGN KEY ("receiptId") REFERENCES "ErasureReceipt"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrmErasure" ADD CONSTRAINT "CrmErasure_connectionId_fkey" FOREIGN KEY ("connectionId") REFERENCES "CrmConnection"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AuditEvent is append-only. Rows cannot be deleted or truncated; the only update allowed is the
-- redaction an erasure performs (details replaced, redactedAt set), which the hash chain tolerates
-- because each row's hash covers detailsHash, not details.
CREATE FUNCTION "AuditEvent_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE'
     AND NEW."redactedAt" IS NOT NULL
     AND to_jsonb(NEW) - 'details' - 'redactedAt' = to_jsonb(OLD) - 'details' - 'redactedAt' THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'AuditEvent is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER "AuditEvent_no_update_or_delete"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "AuditEvent_append_only"();

CREATE TRIGGER "AuditEvent_no_truncate"
  BEFORE TRUNCATE ON "AuditEvent"
  FOR EACH STATEMENT EXECUTE FUNCTION "AuditEvent_append_only"();
