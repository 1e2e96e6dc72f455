CREATE TABLE "record_vectors" (
	"space" text NOT NULL,
	"record_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"org_id" uuid NOT NULL,
	"status" text NOT NULL,
	"confidentiality" text NOT NULL,
	"chain_id" text,
	"embedding" vector NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "record_vectors_space_record_id_pk" PRIMARY KEY("space","record_id")
);
--> statement-breakpoint
CREATE INDEX "record_vectors_filter_idx" ON "record_vectors" USING btree ("space","kind","status");