-- CreateIndex
CREATE INDEX "DetectedContact_messageId_idx" ON "DetectedContact"("messageId");
