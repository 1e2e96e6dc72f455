import { type AnalyzedText, analyzeText } from '../text/analyze.ts';
import type { FittableEmbedder } from './embedder.ts';
import { DEFAULT_LSA_PARAMS, embedTerms, fitLsa, type LsaModel, type LsaParams } from './lsa-model.ts';
import { deserializeLsa, serializeLsa } from './lsa-serialize.ts';

export const LOCAL_EMBEDDER_ID = 'local-lsa';

/** The LSA vocabulary: jieba words and character bigrams, the same units the lexical index uses. */
export function lsaTerms(analyzed: Pick<AnalyzedText, 'words' | 'bigrams'>): string[] {
  return [...analyzed.words, ...analyzed.bigrams];
}

export interface LocalEmbedderOptions {
  params?: Partial<LsaParams>;
  /** A previously serialised model, so a restart does not refit. */
  model?: Uint8Array;
}

/**
 * Offline, deterministic embedder learnt from the pool itself (latent semantic analysis). Nothing is
 * downloaded; the same pool and parameters always give the same model and the same version string.
 */
export function createLocalEmbedder(options: LocalEmbedderOptions = {}): FittableEmbedder {
  const params: LsaParams = { ...DEFAULT_LSA_PARAMS, ...options.params };
  let model: LsaModel | undefined = options.model ? deserializeLsa(options.model) : undefined;

  const ready = (): LsaModel => {
    if (!model) throw new Error('local embedder is not fitted: call fit(corpusTexts) or pass a saved model');
    return model;
  };

  return {
    id: LOCAL_EMBEDDER_ID,
    get version() {
      return model?.version ?? 'unfitted';
    },
    get dimensions() {
      return model?.params.dimensions ?? params.dimensions;
    },
    async fit(corpusTexts) {
      model = fitLsa(
        corpusTexts.map((t) => lsaTerms(analyzeText(t))),
        params,
      );
    },
    async embed(texts) {
      const m = ready();
      return texts.map((t) => embedTerms(m, lsaTerms(analyzeText(t))));
    },
    serialize() {
      return serializeLsa(ready());
    },
  };
}
