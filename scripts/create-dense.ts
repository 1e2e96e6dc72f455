import type { Logger } from 'pino';
import type { DenseRetrieval } from '../matching/core/deps.ts';
import { createOpenAiEmbedder } from '../matching/embedders/openai-embedder.ts';
import { createPgvectorIndex } from '../matching/vectors/pgvector-index.ts';
import { createQdrantIndex } from '../matching/vectors/qdrant-index.ts';
import type { Db } from '../schema/db.ts';
import type { Config } from './config.ts';

/** Dense retrieval from config, or undefined when it is off (DENSE_WEIGHT = 0, the default). */
export async function createDense(config: Config, db: Db, logger: Logger): Promise<DenseRetrieval | undefined> {
  if (config.DENSE_WEIGHT <= 0 || !config.EMBEDDINGS_URL) return undefined;
  const embedder = createOpenAiEmbedder({
    baseURL: config.EMBEDDINGS_URL,
    apiKey: config.EMBEDDINGS_API_KEY ?? '',
    model: config.EMBEDDINGS_MODEL,
    dimensions: config.EMBEDDINGS_DIMENSIONS,
    logger,
  });
  const dimensions = config.EMBEDDINGS_DIMENSIONS ?? (await embedder.probe());
  const space = { embedderId: embedder.id, version: embedder.version, dimensions };
  const index =
    config.VECTOR_STORE === 'qdrant' && config.QDRANT_URL
      ? createQdrantIndex(space, { url: config.QDRANT_URL, apiKey: config.QDRANT_API_KEY })
      : createPgvectorIndex(db, space);
  await index.ensure();
  logger.info({ embedder: embedder.id, dimensions, store: index.backend }, 'dense retrieval on');
  return { embedder, index, weight: config.DENSE_WEIGHT };
}
