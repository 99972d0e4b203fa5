ALTER TABLE "integrations" ALTER COLUMN "full_sync_interval_minutes" SET DEFAULT 1440;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "next_incremental_sync_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "integrations_next_incremental_idx" ON "integrations" USING btree ("next_incremental_sync_at") WHERE "integrations"."state" = 'connected';