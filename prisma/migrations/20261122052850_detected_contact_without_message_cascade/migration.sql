-- Messages only ever go with their conversation, whose cascade already takes its detected contacts;
-- this foreign key added a cascade trigger call per deleted message (a third of a retention sweep).
-- DropForeignKey
ALTER TABLE "DetectedContact" DROP CONSTRAINT "DetectedContact_messageId_fkey";

-- DropIndex
DROP INDEX "DetectedContact_messageId_idx";
