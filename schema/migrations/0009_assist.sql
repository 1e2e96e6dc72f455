CREATE TABLE "assist_explanations" (
	"suggestion_id" uuid NOT NULL,
	"model_version" text NOT NULL,
	"records_version" text NOT NULL,
	"content" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assist_explanations_suggestion_id_model_version_pk" PRIMARY KEY("suggestion_id","model_version")
);
--> statement-breakpoint
CREATE TABLE "assist_token_usage" (
	"org_id" uuid NOT NULL,
	"day" date NOT NULL,
	"tokens" integer DEFAULT 0 NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "assist_token_usage_org_id_day_pk" PRIMARY KEY("org_id","day")
);
--> statement-breakpoint
ALTER TABLE "assist_explanations" ADD CONSTRAINT "assist_explanations_suggestion_id_suggestions_id_fk" FOREIGN KEY ("suggestion_id") REFERENCES "public"."suggestions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assist_token_usage" ADD CONSTRAINT "assist_token_usage_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON "assist_explanations", "assist_token_usage" TO conversion_app;