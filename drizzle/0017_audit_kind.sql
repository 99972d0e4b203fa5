ALTER TABLE "audit_log" ADD COLUMN "kind" text;--> statement-breakpoint
CREATE INDEX "audit_log_kind_idx" ON "audit_log" USING btree ("workspace_id","kind","seq");