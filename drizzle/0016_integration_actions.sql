ALTER TABLE "integrations" ADD COLUMN "allow_actions" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "integrations" ADD COLUMN "admin_roles" text[];