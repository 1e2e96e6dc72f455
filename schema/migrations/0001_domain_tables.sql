CREATE TYPE "public"."achievement_status" AS ENUM('published', 'transferred', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."chain_tier" AS ENUM('lead', 'featured', 'emerging', 'future', 'other');--> statement-breakpoint
CREATE TYPE "public"."confidentiality" AS ENUM('public', 'desensitised', 'confidential');--> statement-breakpoint
CREATE TYPE "public"."ip_status" AS ENUM('granted', 'pending', 'none', 'unclear');--> statement-breakpoint
CREATE TYPE "public"."need_status" AS ENUM('open', 'matching', 'in_progress', 'solved', 'withdrawn', 'closed');--> statement-breakpoint
CREATE TYPE "public"."org_kind" AS ENUM('enterprise', 'university', 'institute', 'poc_centre', 'pilot_platform', 'agency');--> statement-breakpoint
CREATE TYPE "public"."user_role" AS ENUM('enterprise', 'institution', 'manager', 'admin');--> statement-breakpoint
CREATE TABLE "achievements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by" uuid,
	"title" text NOT NULL,
	"abstract" text NOT NULL,
	"chain_id" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"patents" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"ip_status" "ip_status" DEFAULT 'unclear' NOT NULL,
	"trl" integer,
	"team" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"transfer_modes" text[] DEFAULT '{}' NOT NULL,
	"price_min" numeric,
	"price_max" numeric,
	"confidentiality" "confidentiality" DEFAULT 'public' NOT NULL,
	"status" "achievement_status" DEFAULT 'published' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_keys_hash_unique" UNIQUE("hash")
);
--> statement-breakpoint
CREATE TABLE "industry_chains" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"tier" "chain_tier" NOT NULL,
	"taxonomy" text NOT NULL,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "managers" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"chains" text[] DEFAULT '{}' NOT NULL,
	"capacity" integer DEFAULT 20 NOT NULL,
	"is_chief" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "needs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"created_by" uuid,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"chain_id" text,
	"keywords" text[] DEFAULT '{}' NOT NULL,
	"trl_min" integer,
	"trl_max" integer,
	"budget_min" numeric,
	"budget_max" numeric,
	"deadline" date,
	"cooperation_modes" text[] DEFAULT '{}' NOT NULL,
	"confidentiality" "confidentiality" DEFAULT 'public' NOT NULL,
	"private_fields" text[] DEFAULT '{}' NOT NULL,
	"status" "need_status" DEFAULT 'open' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" "org_kind" NOT NULL,
	"district" text,
	"city" text,
	"credit_code" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_credit_code_unique" UNIQUE("credit_code")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"email" text,
	"role" "user_role" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email")
);
--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "achievements" ADD CONSTRAINT "achievements_chain_id_industry_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."industry_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "managers" ADD CONSTRAINT "managers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "needs" ADD CONSTRAINT "needs_chain_id_industry_chains_id_fk" FOREIGN KEY ("chain_id") REFERENCES "public"."industry_chains"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "achievements_org_idx" ON "achievements" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "achievements_status_idx" ON "achievements" USING btree ("status");--> statement-breakpoint
CREATE INDEX "achievements_chain_idx" ON "achievements" USING btree ("chain_id");--> statement-breakpoint
CREATE INDEX "api_keys_user_idx" ON "api_keys" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "needs_org_idx" ON "needs" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE INDEX "needs_status_idx" ON "needs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "needs_chain_idx" ON "needs" USING btree ("chain_id");--> statement-breakpoint
CREATE INDEX "organisations_kind_idx" ON "organisations" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");