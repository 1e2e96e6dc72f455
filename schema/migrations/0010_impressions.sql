CREATE TABLE "impressions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"suggestion_id" uuid NOT NULL,
	"list" text NOT NULL,
	"surface" text NOT NULL,
	"position" integer NOT NULL,
	"group_position" integer,
	"stage" text NOT NULL,
	"score" real NOT NULL,
	"model_version" text NOT NULL,
	"exploration" boolean DEFAULT false NOT NULL,
	"shown_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "impressions" ADD CONSTRAINT "impressions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "impressions" ADD CONSTRAINT "impressions_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "impressions_suggestion_idx" ON "impressions" USING btree ("suggestion_id","shown_at");--> statement-breakpoint
CREATE INDEX "impressions_user_idx" ON "impressions" USING btree ("user_id","shown_at");