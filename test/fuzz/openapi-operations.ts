import type { ResolveRef, Schema } from './schema-arbitrary.ts';

export type Parameter = { name: string; in: string; required: boolean; schema: Schema };

/** One method on one path template of the document: what the fuzzer draws from. */
export type Operation = {
  /** "POST /v1/needs/{id}/withdraw", the key coverage is counted by. */
  key: string;
  method: string;
  template: string;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** The JSON request body's schema, when the operation takes one. */
  body: Schema | undefined;
};

const isSchema = (x: unknown): x is Schema => typeof x === 'object' && x !== null && !Array.isArray(x);
const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

function parameterOf(raw: unknown): Parameter | undefined {
  if (!isSchema(raw) || typeof raw.name !== 'string' || typeof raw.in !== 'string') return undefined;
  return {
    name: raw.name,
    in: raw.in,
    required: raw.required === true,
    schema: isSchema(raw.schema) ? raw.schema : {},
  };
}

function bodySchemaOf(requestBody: unknown): Schema | undefined {
  if (!isSchema(requestBody) || !isSchema(requestBody.content)) return undefined;
  const media = requestBody.content['application/json'];
  return isSchema(media) && isSchema(media.schema) ? media.schema : undefined;
}

/** Every operation of an OpenAPI 3.1 document, and a resolver for its local `$ref`s. */
export function readOperations(doc: unknown): { operations: Operation[]; resolve: ResolveRef } {
  if (!isSchema(doc) || !isSchema(doc.paths)) throw new Error('not an OpenAPI document: no paths');
  const resolve: ResolveRef = (ref) => {
    let node: unknown = doc;
    for (const part of ref.replace(/^#\//, '').split('/')) node = isSchema(node) ? node[part] : undefined;
    if (!isSchema(node)) throw new Error(`unresolvable $ref ${ref}`);
    return node;
  };
  const operations: Operation[] = [];
  for (const [template, pathItem] of Object.entries(doc.paths)) {
    if (!isSchema(pathItem)) continue;
    for (const [method, raw] of Object.entries(pathItem)) {
      if (!methods.has(method) || !isSchema(raw)) continue;
      const parameters = (Array.isArray(raw.parameters) ? raw.parameters : []).map(parameterOf);
      const defined = parameters.filter((p): p is Parameter => p !== undefined);
      operations.push({
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: defined.filter((p) => p.in === 'path'),
        queryParams: defined.filter((p) => p.in === 'query'),
        body: bodySchemaOf(raw.requestBody),
      });
    }
  }
  return { operations, resolve };
}
