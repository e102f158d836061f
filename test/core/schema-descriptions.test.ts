// The schemas as an editor shows them while someone writes a manifest, a policy or a registry:
// every field explains itself on hover and in completion, every allowed value says what it
// means, and the common list entries come with an example and a snippet to insert, both of
// which the schema itself accepts.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { newAjv, SCHEMAS } from '../../engine/core/schema/compile.ts';
import { REPO_ROOT } from '../helpers/repo.ts';
import { annotations, missingAnnotations } from '../helpers/schema-annotations.ts';

/** The reports' schemas: read by programs, not edited, so they are not held to the editor's standard here. */
const REPORT_SCHEMAS = [
  'check-report',
  'gate-report',
  'audit',
  'audit-verify',
  'portfolio',
  'coverage-report',
];
const schemas = Object.values(SCHEMAS) as unknown as { $id: string; [keyword: string]: unknown }[];
const ajv = newAjv();

/** The validator of the part of a schema at `pointer`, in the context of its file. */
const validatorAt = (id: string, pointer: string) => {
  const validate = ajv.getSchema(`${id}#${pointer}`);
  if (!validate) throw new Error(`no schema at ${id}#${pointer}`);
  return validate;
};

/**
 * What a snippet's body puts in the file once its placeholders keep their defaults: the server
 * writes each string as it is, unquoted, so each is read back as YAML (`${3:0.9}` is a number).
 */
function expanded(body: unknown): unknown {
  if (typeof body === 'string') {
    const text = body
      .replace(/^\^/, '')
      .replace(/\$\{\d+:([^}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^}]*\|\}/g, '$1')
      .replace(/\$\{\d+\}/g, '');
    return parse(text);
  }
  if (Array.isArray(body)) return body.map(expanded);
  if (typeof body === 'object' && body !== null)
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, expanded(v)]));
  return body;
}

describe('the schemas, as an editor shows them', () => {
  it('are all walked: every schema of a file people write (the others describe reports CoE Gate writes)', () => {
    const files = readdirSync(join(REPO_ROOT, 'engine/schema')).filter((f) => f.endsWith('.schema.json'));
    const written = REPORT_SCHEMAS.map((name) => `${name}.schema.json`);
    const walked = schemas.map((s) => s.$id.slice(s.$id.lastIndexOf('/') + 1));
    expect([...walked, ...written].sort()).toEqual(files.sort());
  });

  it('describe every field, and every allowed value of every enum', () => {
    expect(missingAnnotations(schemas)).toEqual([]);
  });

  it('would name the JSON pointer of a field or an enum left undescribed (negative control)', () => {
    const base = 'https://example.test/schema/';
    const other = {
      $id: `${base}other.schema.json`,
      $defs: {
        Described: { description: 'Has one.', type: 'string' },
        Bare: { type: 'string' },
      },
    };
    const main = {
      $id: `${base}main.schema.json`,
      type: 'object',
      properties: {
        ok: { description: 'Described here.', type: 'string' },
        viaRef: { $ref: 'other.schema.json#/$defs/Described' },
        viaLocalRef: { $ref: '#/$defs/Thing' },
        toBare: { $ref: 'other.schema.json#/$defs/Bare' },
        list: {
          description: 'A list.',
          type: 'array',
          items: { type: 'object', properties: { deep: { type: 'integer' } } },
        },
        map: { description: 'A map.', type: 'object', additionalProperties: { type: 'string' } },
        choice: {
          description: 'One of two shapes.',
          oneOf: [
            { type: 'string', enum: ['a', 'b'], enumDescriptions: ['A.'] },
            { type: 'object', required: ['x'], properties: { x: true } },
          ],
        },
      },
      if: { properties: { ok: { const: 'yes' } } },
      else: { properties: { elseField: { type: 'string' } } },
      $defs: {
        Thing: {
          description: 'A thing.',
          type: 'object',
          properties: {
            kind: { description: 'Its kind.', enum: ['x', 'y'] },
            named: { description: 'Named values.', enum: ['p', 'q'], enumDescriptions: ['P.', ' '] },
            fine: { description: 'Fine.', enum: ['r'], enumDescriptions: ['R.'] },
          },
        },
      },
    };
    expect(missingAnnotations([main, other])).toEqual([
      'main.schema.json#/properties/toBare: no description',
      'main.schema.json#/properties/list/items/properties/deep: no description',
      'main.schema.json#/properties/map/additionalProperties: no description',
      'main.schema.json#/properties/choice/oneOf/0: 2 enum values, 1 enumDescriptions',
      'main.schema.json#/$defs/Thing/properties/kind: enum without enumDescriptions',
      'main.schema.json#/$defs/Thing/properties/named: no description of enum value "q"',
      'main.schema.json#/else/properties/elseField: no description',
    ]);
    // And the real schema, with one description taken out, is caught at that field.
    const usecase = structuredClone(SCHEMAS.usecase) as unknown as {
      $id: string;
      $defs: { DataSource: { properties: { system: { description?: string } } } };
    };
    delete usecase.$defs.DataSource.properties.system.description;
    expect(missingAnnotations([usecase])).toEqual([
      'usecase.schema.json#/$defs/DataSource/properties/system: no description',
    ]);
  });

  it('give the common list entries an example and a snippet: approval, waiver, evaluation suite, data source, monitoring signal', () => {
    const where = (keyword: string) =>
      annotations(schemas, keyword)
        .map((a) => `${a.id.slice(a.id.lastIndexOf('/') + 1)}#${a.pointer}`)
        .sort();
    const entries = [
      'usecase.schema.json#/$defs/DataSource',
      'usecase.schema.json#/$defs/EvalSuite',
      'usecase.schema.json#/$defs/Lifecycle/properties/approvals/items',
      'usecase.schema.json#/$defs/Lifecycle/properties/waivers/items',
      'usecase.schema.json#/$defs/Operations/properties/monitoring/items',
    ];
    expect(where('defaultSnippets')).toEqual(expect.arrayContaining(entries));
    expect(where('examples')).toEqual(expect.arrayContaining(entries));
  });

  it('accept their own examples', () => {
    const found = annotations(schemas, 'examples');
    expect(found.length).toBeGreaterThan(0);
    for (const { id, pointer, value } of found) {
      expect(Array.isArray(value), `${id}#${pointer}: examples is a list`).toBe(true);
      const validate = validatorAt(id, pointer);
      for (const example of value as unknown[]) {
        expect(validate(example), `${id}#${pointer}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });

  it('accept what each snippet inserts when its placeholders keep their defaults', () => {
    const found = annotations(schemas, 'defaultSnippets');
    expect(found.length).toBeGreaterThan(0);
    for (const { id, pointer, value } of found) {
      const validate = validatorAt(id, pointer);
      for (const snippet of value as { label?: string; description?: string; body: unknown }[]) {
        expect(snippet.label, `${id}#${pointer}: a snippet's label`).toMatch(/\S/);
        expect(snippet.description, `${id}#${pointer}: a snippet's description`).toMatch(/\S/);
        const inserted = expanded(snippet.body);
        expect(validate(inserted), `${id}#${pointer}: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
  });

  it('read placeholders as the server inserts them (control of the expansion above)', () => {
    // A snippet's tab stop, put together: written out, the linter takes it for a template placeholder.
    const stop = (n: number, inside: string) => `$\{${n}${inside}}`;
    expect(
      expanded({
        a: stop(1, ':0.9'),
        b: stop(2, '|pilot,production|'),
        c: stop(3, ':2026-01-15'),
        d: `"${stop(4, ':@org/team')}"`,
        e: `^${stop(5, '')}x`,
      }),
    ).toEqual({ a: 0.9, b: 'pilot', c: '2026-01-15', d: '@org/team', e: 'x' });
    // Unquoted, an @ cannot start a YAML value: the snippet would insert a broken file.
    expect(() => expanded(stop(1, ':@org/team'))).toThrow();
  });
});
