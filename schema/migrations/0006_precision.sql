ALTER TABLE "achievements" ADD COLUMN "chain_source" text;--> statement-breakpoint
ALTER TABLE "achievements" ADD COLUMN "chain_confidence" real;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "chain_source" text;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "chain_confidence" real;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "match_state" text;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "matched_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "needs" ADD COLUMN "manager_id" uuid;--> statement-breakpoint
ALTER TABLE "suggestions" ADD COLUMN "relevance" real;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_manager_id_users_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "needs_manager_idx" ON "needs" USING btree ("manager_id");