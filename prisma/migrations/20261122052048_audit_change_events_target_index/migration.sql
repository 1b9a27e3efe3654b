-- The retention sweep redacts the change events of each batch of deleted records; reads
-- (personal_data.read, most of the trail) stay out of this index so the lookup never wades through them.
-- CreateIndex
CREATE INDEX "AuditEvent_changes_targetIds_idx" ON "AuditEvent" USING GIN ("targetIds") WHERE (action <> 'personal_data.read');
