ALTER TABLE "okta_log_events" ADD COLUMN "raw" jsonb;--> statement-breakpoint
CREATE INDEX "okta_log_events_workspace_outcome_idx" ON "okta_log_events" USING btree ("workspace_id","outcome_result","published");--> statement-breakpoint
CREATE INDEX "okta_log_events_workspace_actor_idx" ON "okta_log_events" USING btree ("workspace_id","actor_id","published");--> statement-breakpoint
CREATE INDEX "okta_log_events_workspace_actor_login_idx" ON "okta_log_events" USING btree ("workspace_id",lower("actor_alternate_id"),"published");--> statement-breakpoint
CREATE INDEX "okta_log_events_targets_idx" ON "okta_log_events" USING gin ("targets" jsonb_path_ops);--> statement-breakpoint
CREATE INDEX "okta_log_events_workspace_uuid_idx" ON "okta_log_events" USING btree ("workspace_id","uuid");
