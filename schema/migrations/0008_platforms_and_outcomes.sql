CREATE TYPE "public"."outcome_kind" AS ENUM('poc_started', 'poc_result', 'pilot_started', 'pilot_result', 'deal', 'landed', 'incubated');--> statement-breakpoint
CREATE TYPE "public"."outcome_reason" AS ENUM('technical_infeasible', 'performance_below_target', 'process_not_scalable', 'price_too_high', 'market_unproven', 'commercial_terms', 'ip_unclear', 'party_withdrew', 'other');--> statement-breakpoint
CREATE TYPE "public"."outcome_result" AS ENUM('passed', 'failed', 'inconclusive');--> statement-breakpoint
CREATE TYPE "public"."platform_kind" AS ENUM('poc_centre', 'pilot_platform');--> statement-breakpoint
CREATE TYPE "public"."platform_level" AS ENUM('national', 'provincial', 'municipal');--> statement-breakpoint
CREATE TYPE "public"."poc_centre_type" AS ENUM('comprehensive', 'specialised');--> statement-breakpoint
CREATE TABLE "pair_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" integer GENERATED ALWAYS AS IDENTITY (sequence name "pair_outcomes_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"suggestion_id" uuid NOT NULL,
	"kind" "outcome_kind" NOT NULL,
	"phase" integer,
	"platform_id" uuid,
	"run_id" uuid,
	"result" "outcome_result",
	"reason_code" "outcome_reason",
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note" text,
	"recorded_by" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "platforms" (
	"org_id" uuid PRIMARY KEY NOT NULL,
	"kind" "platform_kind" NOT NULL,
	"poc_type" "poc_centre_type",
	"level" "platform_level" NOT NULL,
	"fields" text[] DEFAULT '{}' NOT NULL,
	"chains" text[] DEFAULT '{}' NOT NULL,
	"poc_phases" integer[] DEFAULT '{}' NOT NULL,
	"equipment" text[] DEFAULT '{}' NOT NULL,
	"processes" text[] DEFAULT '{}' NOT NULL,
	"batch_scale" text,
	"capacity" integer NOT NULL,
	"description" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pair_outcomes" ADD CONSTRAINT "pair_outcomes_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_outcomes" ADD CONSTRAINT "pair_outcomes_platform_id_organisations_id_fk" FOREIGN KEY ("platform_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pair_outcomes" ADD CONSTRAINT "pair_outcomes_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "platforms" ADD CONSTRAINT "platforms_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pair_outcomes_suggestion_idx" ON "pair_outcomes" USING btree ("suggestion_id","seq");--> statement-breakpoint
CREATE INDEX "pair_outcomes_platform_idx" ON "pair_outcomes" USING btree ("platform_id");--> statement-breakpoint
CREATE INDEX "platforms_kind_level_idx" ON "platforms" USING btree ("kind","level");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "platforms", "pair_outcomes" TO conversion_app;--> statement-breakpoint
GRANT USAGE, SELECT ON SEQUENCE "pair_outcomes_seq_seq" TO conversion_app;
