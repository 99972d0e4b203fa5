CREATE TABLE "event_hooks" (
	"integration_id" uuid PRIMARY KEY NOT NULL,
	"workspace_id" uuid NOT NULL,
	"mode" text NOT NULL,
	"url" text NOT NULL,
	"okta_hook_id" text,
	"registered_at" timestamp with time zone,
	"verified_at" timestamp with time zone,
	"last_delivery_at" timestamp with time zone,
	"deliveries" integer DEFAULT 0 NOT NULL,
	"auth_failures" integer DEFAULT 0 NOT NULL,
	"last_auth_failure_at" timestamp with time zone,
	"last_error" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "hook_events" (
	"integration_id" uuid NOT NULL,
	"uuid" text NOT NULL,
	"event_type" text NOT NULL,
	"published" timestamp with time zone,
	"targets" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"applied_at" timestamp with time zone,
	"error" jsonb,
	CONSTRAINT "hook_events_integration_id_uuid_pk" PRIMARY KEY("integration_id","uuid")
);
--> statement-breakpoint
ALTER TABLE "event_hooks" ADD CONSTRAINT "event_hooks_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_hooks" ADD CONSTRAINT "event_hooks_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "hook_events" ADD CONSTRAINT "hook_events_integration_id_integrations_id_fk" FOREIGN KEY ("integration_id") REFERENCES "public"."integrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "hook_events_pending_idx" ON "hook_events" USING btree ("integration_id","received_at") WHERE "hook_events"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "hook_events_received_idx" ON "hook_events" USING btree ("integration_id","received_at");