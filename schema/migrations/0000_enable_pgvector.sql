-- pgvector backs the dense index (matching/); PGlite loads it as an extension, the server has it installed.
CREATE EXTENSION IF NOT EXISTS vector;
