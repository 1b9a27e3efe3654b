-- CreateIndex
CREATE INDEX "AuditEvent_changes_targetIds_idx" ON "AuditEvent" USING GIN ("targetIds") WHERE (action <> 'personal_data.read');
