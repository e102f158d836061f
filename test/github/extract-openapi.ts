// Extracts, from GitHub's official OpenAPI description (the @octokit/openapi package), the few
// REST operations the Action calls, into test/github/openapi-operations.json: what the fake
// GitHub server validates every request and response against.
//
//   npm run openapi:extract
//
// The description is OpenAPI 3.0.3 (schemas use `nullable: true`) and fully dereferenced. Kept:
// everything that affects validation. Dropped: annotations (description, example(s), title,
// deprecated, externalDocs) and GitHub's vendor extensions (x-github-breaking-changes describes
// future API versions), but only where they are schema keywords: `description`, `title` and
// `default` are also property names (a label's `description`, a check run action's required
// `description`), and those stay.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO_ROOT = join(HERE, '..', '..');
const BIOME = join(REPO_ROOT, 'node_modules', '.bin', 'biome');
export const SPEC_PATH = join(
  REPO_ROOT,
  'node_modules',
  '@octokit',
  'openapi',
  'generated',
  'api.github.com.deref.json',
);
export const OPERATIONS_PATH = join(HERE, 'openapi-operations.json');

/** The operations the Action calls, by operationId, with the method and path they must have. */
export const OPERATION_IDS = [
  'pulls/get',
  'pulls/list-reviews',
  'pulls/list-commits',
  'checks/list-for-ref',
  'checks/create',
  'checks/update',
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'issues/list-for-repo',
  'issues/create',
  'issues/update',
  'teams/list-members-in-org',
] as const;

export type OperationId = (typeof OPERATION_IDS)[number];

/** A JSON schema in OpenAPI 3.0 dialect (with `nullable`). */
export type Schema = { [keyword: string]: unknown };

export interface Parameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: Schema;
  /** GitHub's extension: a path parameter that may contain slashes (a ref such as `heads/main`). */
  multiSegment?: true;
}

export interface ResponseSpec {
  /** The application/json schema; absent when the status has no body (304). */
  schema?: Schema;
  /** Header names the spec lists for this status (Link on paginated lists, Location on creation). */
  headers?: string[];
}

export interface Operation {
  operationId: OperationId;
  method: 'GET' | 'POST' | 'PATCH';
  path: string;
  documentationUrl: string;
  parameters: Parameter[];
  requestBody?: { required: boolean; schema: Schema };
  /** By HTTP status code, only the ones the spec lists. */
  responses: Record<string, ResponseSpec>;
}

export interface OperationsFile {
  source: { openapi: string; title: string; version: string };
  operations: Record<OperationId, Operation>;
}

/** Schema keywords that annotate and never change what validates. */
const ANNOTATIONS = new Set([
  'description',
  'example',
  'examples',
  'title',
  'deprecated',
  'externalDocs',
  'xml',
]);
/** Keywords whose value is one schema. */
const SUBSCHEMA = new Set(['items', 'additionalProperties', 'not']);
/** Keywords whose value is a list of schemas. */
const SUBSCHEMAS = new Set(['oneOf', 'anyOf', 'allOf']);

/** A schema without annotations, keys in a stable (sorted) order, walking only schema positions. */
export function cleanSchema(schema: unknown): Schema {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) {
    throw new Error(`not a schema: ${JSON.stringify(schema)}`);
  }
  const out: Schema = {};
  for (const key of Object.keys(schema).sort()) {
    const value = (schema as Schema)[key];
    if (ANNOTATIONS.has(key) || key.startsWith('x-')) continue;
    if (key === 'properties') {
      const props = value as Record<string, unknown>;
      out[key] = Object.fromEntries(
        Object.keys(props)
          .sort()
          .map((name) => [name, cleanSchema(props[name])]),
      );
    } else if (SUBSCHEMA.has(key) && typeof value === 'object' && value !== null) {
      out[key] = cleanSchema(value);
    } else if (SUBSCHEMAS.has(key)) {
      out[key] = (value as unknown[]).map(cleanSchema);
    } else {
      out[key] = value; // type, enum, required, format, maxLength, default, nullable, …
    }
  }
  return out;
}

interface SpecOperation {
  operationId?: string;
  externalDocs?: { url?: string };
  parameters?: {
    name: string;
    in: string;
    required?: boolean;
    schema: unknown;
    'x-multi-segment'?: boolean;
  }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: unknown }> };
  responses: Record<
    string,
    { content?: Record<string, { schema: unknown }>; headers?: Record<string, unknown> }
  >;
}

interface Spec {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, SpecOperation>>;
}

/** The operations of OPERATION_IDS from a parsed api.github.com.deref.json. */
export function extractOperations(spec: unknown): OperationsFile {
  const s = spec as Spec;
  const found = new Map<string, Operation>();
  for (const path of Object.keys(s.paths)) {
    const item = s.paths[path] as Record<string, SpecOperation>;
    for (const method of Object.keys(item)) {
      const op = item[method] as SpecOperation;
      const id = op.operationId as OperationId;
      if (!OPERATION_IDS.includes(id)) continue;
      if (found.has(id)) throw new Error(`operationId ${id} appears twice`);
      const parameters = (op.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map(
          (p): Parameter => ({
            name: p.name,
            in: p.in as 'path' | 'query',
            required: p.required === true,
            schema: cleanSchema(p.schema),
            ...(p['x-multi-segment'] ? { multiSegment: true as const } : {}),
          }),
        );
      const json = op.requestBody?.content['application/json'];
      if (op.requestBody && !json) throw new Error(`${id}: request body is not application/json`);
      const responses: Record<string, ResponseSpec> = {};
      for (const status of Object.keys(op.responses).sort()) {
        const r = op.responses[status] as SpecOperation['responses'][string];
        const body = r.content?.['application/json'];
        if (r.content && !body) throw new Error(`${id} ${status}: response is not application/json`);
        responses[status] = {
          ...(r.headers ? { headers: Object.keys(r.headers).sort() } : {}),
          ...(body ? { schema: cleanSchema(body.schema) } : {}),
        };
      }
      found.set(id, {
        operationId: id,
        method: method.toUpperCase() as Operation['method'],
        path,
        documentationUrl: op.externalDocs?.url ?? 'https://docs.github.com/rest',
        parameters,
        ...(json
          ? { requestBody: { required: op.requestBody?.required === true, schema: cleanSchema(json.schema) } }
          : {}),
        responses,
      });
    }
  }
  const missing = OPERATION_IDS.filter((id) => !found.has(id));
  if (missing.length) throw new Error(`not in the spec: ${missing.join(', ')}`);
  return {
    source: { openapi: s.openapi, title: s.info.title, version: s.info.version },
    operations: Object.fromEntries(OPERATION_IDS.map((id) => [id, found.get(id)])) as Record<
      OperationId,
      Operation
    >,
  };
}

/**
 * The file as the script writes it: JSON laid out by the project's formatter (Biome), so that
 * `npm run format` leaves a freshly extracted file as it is.
 */
export function serializeOperations(file: OperationsFile): string {
  const biome = spawnSync(BIOME, ['format', `--stdin-file-path=${OPERATIONS_PATH}`], {
    cwd: REPO_ROOT,
    input: JSON.stringify(file),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (biome.status !== 0) throw new Error(`biome format failed: ${biome.stderr || biome.error}`);
  return biome.stdout;
}

export function readSpec(path = SPEC_PATH): unknown {
  return JSON.parse(readFileSync(path, 'utf8'));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = extractOperations(readSpec());
  const text = serializeOperations(file);
  writeFileSync(OPERATIONS_PATH, text);
  const size = Buffer.byteLength(text);
  process.stdout.write(
    `${OPERATIONS_PATH}: ${Object.keys(file.operations).length} operations from ${file.source.title} ${file.source.version} (${Math.round(size / 1024)} KiB)\n`,
  );
}
