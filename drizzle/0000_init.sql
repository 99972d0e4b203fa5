CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"key_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_keyHash_unique" UNIQUE("key_hash")
);
--> statement-breakpoint
CREATE TABLE "integration_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"run_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"level" text DEFAULT 'info' NOT NULL,
	"kind" text NOT NULL,
	"message" text NOT NULL,
	"details" jsonb,
	"actor_user_id" uuid
);
--> statement-breakpoint
CREATE TABLE "integration_secrets" (
	"integration_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"sealed" text NOT NULL,
	"expires_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "integration_secrets_integration_id_kind_pk" PRIMARY KEY("integration_id","kind")
);
--> statement-breakpoint
CREATE TABLE "integrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"name" text NOT NULL,
	"domain" text NOT NULL,
	"okta_org_id" text,
	"owner_id" uuid,
	"state" text DEFAULT 'connected' NOT NULL,
	"auth_method" text NOT NULL,
	"client_id" text,
	"key_id" text,
	"key_fingerprint" text,
	"token_last4" text,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"scope_results" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"uses_dpop" boolean DEFAULT false NOT NULL,
	"full_sync_interval_minutes" integer DEFAULT 360 NOT NULL,
	"incremental_sync_interval_minutes" integer DEFAULT 15 NOT NULL,
	"log_window_days" integer DEFAULT 30 NOT NULL,
	"rate_limit_share" double precision DEFAULT 0.5 NOT NULL,
	"sync_scope" jsonb,
	"cursors" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"verified_at" timestamp with time zone,
	"disconnected_at" timestamp with time zone,
	"disconnected_by_id" uuid
);
--> statement-breakpoint
CREATE TABLE "okta_app_groups" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"app_id" text NOT NULL,
	"group_id" text NOT NULL,
	"priority" integer,
	"last_updated" timestamp with time zone,
	CONSTRAINT "okta_app_groups_integration_id_app_id_group_id_pk" PRIMARY KEY("integration_id","app_id","group_id")
);
--> statement-breakpoint
CREATE TABLE "okta_app_users" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"app_id" text NOT NULL,
	"user_id" text NOT NULL,
	"scope" text,
	"status" text,
	"sync_state" text,
	"external_id" text,
	"user_name" text,
	"created" timestamp with time zone,
	"last_updated" timestamp with time zone,
	"status_changed" timestamp with time zone,
	CONSTRAINT "okta_app_users_integration_id_app_id_user_id_pk" PRIMARY KEY("integration_id","app_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "okta_apps" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"id" text NOT NULL,
	"name" text NOT NULL,
	"label" text NOT NULL,
	"status" text NOT NULL,
	"sign_on_mode" text,
	"created" timestamp with time zone,
	"last_updated" timestamp with time zone,
	CONSTRAINT "okta_apps_integration_id_id_pk" PRIMARY KEY("integration_id","id")
);
--> statement-breakpoint
CREATE TABLE "okta_group_members" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"group_id" text NOT NULL,
	"user_id" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	CONSTRAINT "okta_group_members_integration_id_group_id_user_id_pk" PRIMARY KEY("integration_id","group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "okta_groups" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"source_app_id" text,
	"created" timestamp with time zone,
	"last_updated" timestamp with time zone,
	"last_membership_updated" timestamp with time zone,
	"okta_member_count" integer,
	"profile" jsonb NOT NULL,
	CONSTRAINT "okta_groups_integration_id_id_pk" PRIMARY KEY("integration_id","id")
);
--> statement-breakpoint
CREATE TABLE "okta_idps" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"id" text NOT NULL,
	"type" text NOT NULL,
	"name" text NOT NULL,
	"status" text NOT NULL,
	"protocol_type" text,
	"created" timestamp with time zone,
	"last_updated" timestamp with time zone,
	CONSTRAINT "okta_idps_integration_id_id_pk" PRIMARY KEY("integration_id","id")
);
--> statement-breakpoint
CREATE TABLE "okta_log_events" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"uuid" text NOT NULL,
	"published" timestamp with time zone NOT NULL,
	"event_type" text NOT NULL,
	"severity" text,
	"outcome_result" text,
	"outcome_reason" text,
	"display_message" text,
	"actor_id" text,
	"actor_type" text,
	"actor_alternate_id" text,
	"actor_display_name" text,
	"target_app_id" text,
	"target_app_name" text,
	"targets" jsonb,
	"client_ip" text,
	"city" text,
	"state" text,
	"country" text,
	"lat" double precision,
	"lon" double precision,
	"user_agent" text,
	"inserted_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "okta_log_events_integration_id_uuid_pk" PRIMARY KEY("integration_id","uuid")
);
--> statement-breakpoint
CREATE TABLE "okta_role_assignments" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"id" text NOT NULL,
	"principal_type" text NOT NULL,
	"principal_id" text NOT NULL,
	"role_type" text NOT NULL,
	"label" text,
	"status" text,
	"assignment_type" text,
	"custom_role_id" text,
	"resource_set_id" text,
	"created" timestamp with time zone,
	"last_updated" timestamp with time zone,
	CONSTRAINT "okta_role_assignments_integration_id_principal_type_principal_id_id_pk" PRIMARY KEY("integration_id","principal_type","principal_id","id")
);
--> statement-breakpoint
CREATE TABLE "okta_users" (
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"content_hash" text NOT NULL,
	"seen_run_id" uuid,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"id" text NOT NULL,
	"status" text NOT NULL,
	"login" text NOT NULL,
	"email" text,
	"first_name" text,
	"last_name" text,
	"display_name" text,
	"department" text,
	"title" text,
	"manager" text,
	"manager_id" text,
	"location" text,
	"employee_number" text,
	"user_type" text,
	"type_id" text,
	"created" timestamp with time zone,
	"activated" timestamp with time zone,
	"status_changed" timestamp with time zone,
	"last_login" timestamp with time zone,
	"last_updated" timestamp with time zone,
	"password_changed" timestamp with time zone,
	"profile" jsonb NOT NULL,
	CONSTRAINT "okta_users_integration_id_id_pk" PRIMARY KEY("integration_id","id")
);
--> statement-breakpoint
CREATE TABLE "pending_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"kid" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"sealed_private_key" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sign_in_throttles" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"first_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_failure_at" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "sync_run_resources" (
	"run_id" uuid NOT NULL,
	"resource" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"checkpoint" jsonb,
	"pages" integer DEFAULT 0 NOT NULL,
	"objects" integer DEFAULT 0 NOT NULL,
	"expected_total" integer,
	"added" integer DEFAULT 0 NOT NULL,
	"updated" integer DEFAULT 0 NOT NULL,
	"unchanged" integer DEFAULT 0 NOT NULL,
	"deleted" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"rate_limit_waits" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"missing_scope" text,
	"error" jsonb,
	"reconciliation" jsonb,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	CONSTRAINT "sync_run_resources_run_id_resource_pk" PRIMARY KEY("run_id","resource")
);
--> statement-breakpoint
CREATE TABLE "sync_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"integration_id" uuid NOT NULL,
	"trigger" text NOT NULL,
	"mode" text DEFAULT 'full' NOT NULL,
	"triggered_by_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone,
	"requests" integer DEFAULT 0 NOT NULL,
	"rate_limit_waits" integer DEFAULT 0 NOT NULL,
	"retries" integer DEFAULT 0 NOT NULL,
	"error" jsonb
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"workspace_id" uuid NOT NULL,
	"email" text NOT NULL,
	"name" text DEFAULT '' NOT NULL,
	"role" text DEFAULT 'viewer' NOT NULL,
	"password_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_sign_in_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_events" ADD CONSTRAINT "integration_events_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_events" ADD CONSTRAINT "integration_events_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_events" ADD CONSTRAINT "integration_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integration_secrets" ADD CONSTRAINT "integration_secrets_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_owner_id_users_id_fk" FOREIGN KEY ("owner_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "integrations" ADD CONSTRAINT "integrations_disconnected_by_id_users_id_fk" FOREIGN KEY ("disconnected_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_app_groups" ADD CONSTRAINT "okta_app_groups_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_app_users" ADD CONSTRAINT "okta_app_users_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_apps" ADD CONSTRAINT "okta_apps_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_group_members" ADD CONSTRAINT "okta_group_members_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_groups" ADD CONSTRAINT "okta_groups_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_idps" ADD CONSTRAINT "okta_idps_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_log_events" ADD CONSTRAINT "okta_log_events_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_role_assignments" ADD CONSTRAINT "okta_role_assignments_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "okta_users" ADD CONSTRAINT "okta_users_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_keys" ADD CONSTRAINT "pending_keys_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_run_resources" ADD CONSTRAINT "sync_run_resources_run_id_sync_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."sync_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sync_runs" ADD CONSTRAINT "sync_runs_triggered_by_id_users_id_fk" FOREIGN KEY ("triggered_by_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_keys_workspace_idx" ON "api_keys" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "integration_events_integration_idx" ON "integration_events" USING btree ("integration_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "integrations_workspace_name_unique" ON "integrations" USING btree ("workspace_id",lower("name")) WHERE "integrations"."state" = 'connected';--> statement-breakpoint
CREATE INDEX "integrations_workspace_idx" ON "integrations" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "okta_app_groups_group_idx" ON "okta_app_groups" USING btree ("integration_id","group_id");--> statement-breakpoint
CREATE INDEX "okta_app_users_user_idx" ON "okta_app_users" USING btree ("integration_id","user_id");--> statement-breakpoint
CREATE INDEX "okta_group_members_user_idx" ON "okta_group_members" USING btree ("integration_id","user_id");--> statement-breakpoint
CREATE INDEX "okta_groups_workspace_idx" ON "okta_groups" USING btree ("workspace_id","type");--> statement-breakpoint
CREATE INDEX "okta_log_events_published_idx" ON "okta_log_events" USING btree ("integration_id","published");--> statement-breakpoint
CREATE INDEX "okta_log_events_actor_idx" ON "okta_log_events" USING btree ("integration_id","actor_id","published");--> statement-breakpoint
CREATE INDEX "okta_users_workspace_status_idx" ON "okta_users" USING btree ("workspace_id","status");--> statement-breakpoint
CREATE INDEX "okta_users_workspace_login_idx" ON "okta_users" USING btree ("workspace_id",lower("login"));--> statement-breakpoint
CREATE INDEX "sync_runs_integration_idx" ON "sync_runs" USING btree ("integration_id","queued_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sync_runs_one_active" ON "sync_runs" USING btree ("integration_id") WHERE "sync_runs"."status" in ('queued','running');--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_unique" ON "users" USING btree (lower("email"));--> statement-breakpoint
CREATE INDEX "users_workspace_idx" ON "users" USING btree ("workspace_id");