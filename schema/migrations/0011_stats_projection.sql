CREATE TABLE "stats_cursor" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_needs" (
	"need_id" uuid PRIMARY KEY NOT NULL,
	"org_id" uuid,
	"chain_id" text,
	"posted_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stats_pairs" (
	"pair_id" uuid PRIMARY KEY NOT NULL,
	"need_id" uuid NOT NULL,
	"achievement_id" uuid NOT NULL,
	"institution_id" uuid,
	"model_version" text,
	"manager_id" uuid,
	"platform_id" uuid,
	"stage" text NOT NULL,
	"furthest" integer DEFAULT 0 NOT NULL,
	"suggested_at" timestamp with time zone NOT NULL,
	"routed_at" timestamp with time zone,
	"claimed_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"accepted_at" timestamp with time zone,
	"poc_started_at" timestamp with time zone,
	"poc_passed_at" timestamp with time zone,
	"pilot_started_at" timestamp with time zone,
	"pilot_passed_at" timestamp with time zone,
	"deal_at" timestamp with time zone,
	"landed_at" timestamp with time zone,
	"incubated_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"claim_breaches" integer DEFAULT 0 NOT NULL,
	"decide_breaches" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE INDEX "stats_needs_posted_idx" ON "stats_needs" USING btree ("posted_at");--> statement-breakpoint
CREATE INDEX "stats_pairs_need_idx" ON "stats_pairs" USING btree ("need_id");--> statement-breakpoint
CREATE INDEX "stats_pairs_manager_idx" ON "stats_pairs" USING btree ("manager_id");--> statement-breakpoint
INSERT INTO "stats_cursor" ("id", "seq") VALUES (1, 0) ON CONFLICT DO NOTHING;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "stats_cursor", "stats_needs", "stats_pairs" TO conversion_app;
