// The validator of each schema, compiled by ajv the first time it is needed. Compiling them takes
// longer than validating a thousand manifests, so the npm package's build compiles them ahead
// (ajv's standalone code, scripts/build-cli.ts) and puts that code in this module's place:
// the same functions, without ajv's compiler in the package's start.
import type { CodeOptions, ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import policySchema from '../../schema/policy.schema.json' with { type: 'json' };
import policyTestSchema from '../../schema/policy-test.schema.json' with { type: 'json' };
import registriesSchema from '../../schema/registries.schema.json' with { type: 'json' };
import teamMembershipSchema from '../../schema/team-membership.schema.json' with { type: 'json' };
import usecaseSchema from '../../schema/usecase.schema.json' with { type: 'json' };
import { FORMATS } from './formats.ts';

export const SCHEMAS = {
  usecase: usecaseSchema,
  policy: policySchema,
  registry: registriesSchema,
  'policy-test': policyTestSchema,
  'team-membership': teamMembershipSchema,
};
export type SchemaKind = keyof typeof SCHEMAS;

let ajv: Ajv2020 | undefined;

/** The validator of one kind of file, compiled on first use: `coe --version` compiles nothing. */
export function compiledValidator(kind: SchemaKind): ValidateFunction {
  ajv ??= newAjv();
  // Every schema is registered by its $id, for the ones that refer to another (a policy test's
  // roles are the roles registry's); registering compiles nothing.
  return ajv.getSchema(SCHEMAS[kind].$id) as ValidateFunction;
}

/** The ajv that compiles the schemas; `code` for the build's standalone code (build-cli.ts). */
export function newAjv(code?: CodeOptions): Ajv2020 {
  const instance = new Ajv2020({ allErrors: true, strict: true, verbose: true, ...(code ? { code } : {}) });
  for (const [name, format] of Object.entries(FORMATS)) instance.addFormat(name, format);
  addAnnotationKeywords(instance);
  for (const schema of Object.values(SCHEMAS)) instance.addSchema(schema);
  return instance;
}

/**
 * The keywords the schemas carry for tools other than the validator, as annotations: ajv in strict
 * mode refuses a keyword it does not know, and these constrain nothing. `tsType` is read by the type
 * generator (scripts/generate.ts); `enumDescriptions` (each enum value's meaning, in the same
 * order) and `defaultSnippets` (entries an editor offers to insert) by yaml-language-server and
 * VS Code's JSON support. Anything else that compiles these schemas in strict mode adds them too.
 */
export function addAnnotationKeywords(instance: Pick<Ajv2020, 'addKeyword'>): void {
  instance.addKeyword({ keyword: 'tsType', schemaType: 'string' });
  instance.addKeyword({ keyword: 'enumDescriptions', schemaType: 'array' });
  instance.addKeyword({ keyword: 'defaultSnippets', schemaType: 'array' });
}
