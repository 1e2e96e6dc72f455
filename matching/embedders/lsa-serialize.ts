import type { LsaModel, LsaParams } from './lsa-model.ts';

const MAGIC = 'LSA1';

/**
 * Layout: "LSA1", uint32 header length, UTF-8 JSON header {params, terms, version}, padding to a
 * 4-byte boundary, then idf and projection as little-endian float32. Binary because the projection is
 * tens of MB and JSON would triple that.
 */
export function serializeLsa(model: LsaModel): Uint8Array {
  const header = new TextEncoder().encode(
    JSON.stringify({ params: model.params, terms: model.terms, version: model.version }),
  );
  const headerEnd = 8 + header.length;
  const floatsStart = Math.ceil(headerEnd / 4) * 4;
  const floats = model.idf.length + model.projection.length;
  const bytes = new Uint8Array(floatsStart + floats * 4);
  const view = new DataView(bytes.buffer);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  view.setUint32(4, header.length, true);
  bytes.set(header, 8);
  let offset = floatsStart;
  for (const array of [model.idf, model.projection]) {
    for (const x of array) {
      view.setFloat32(offset, x, true);
      offset += 4;
    }
  }
  return bytes;
}

export function deserializeLsa(bytes: Uint8Array): LsaModel {
  if (new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) throw new Error('not a serialised LSA model');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = view.getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as {
    params: LsaParams;
    terms: string[];
    version: string;
  };
  let offset = Math.ceil((8 + headerLength) / 4) * 4;
  const read = (n: number) => {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++, offset += 4) out[i] = view.getFloat32(offset, true);
    return out;
  };
  const idf = read(header.terms.length);
  const projection = read(header.terms.length * header.params.dimensions);
  if (offset !== bytes.byteLength) throw new Error('serialised LSA model has the wrong length');
  return { params: header.params, terms: header.terms, idf, projection, version: header.version };
}
