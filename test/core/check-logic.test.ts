// The load-time check of a policy's JSON Logic (engine/core/policy/check-logic.ts), in-process:
// what a rule may read and run is settled when the policies load, so a misspelt field or operation
// is a problem at its line rather than a rule that silently never matches.
import { describe, expect, it } from 'vitest';
import {
  CONTEXT_KEYS,
  checkForEach,
  checkLogic,
  checkManifestField,
} from '../../engine/core/policy/check-logic.ts';

describe('checkLogic', () => {
  it('accepts conditions that read fields the manifest schema has, and the rest of the context', () => {
    expect(checkLogic({ var: 'manifest.spec.intake.roi' })).toEqual([]);
    expect(checkLogic({ present: 'manifest.spec.intake.io.inputs' })).toEqual([]);
    expect(checkLogic({ var: 'base.spec.lifecycle.stage' })).toEqual([]);
    expect(checkLogic({ '<': [{ var: 'manifest.spec.intake.roi.length' }, 1] })).toEqual([]);
    expect(checkLogic({ var: 'manifest.spec.evaluation.suites.0.score' })).toEqual([]);
    // Only manifest and base have a schema; the other context keys are open data.
    expect(checkLogic({ var: 'registries.models.whatever.deeper' })).toEqual([]);
    expect(checkLogic({ var: 'transition.from' })).toEqual([]);
  });

  it('names a field the manifest schema does not have, with the nearest one', () => {
    expect(checkLogic({ var: 'manifest.spec.intake.rois' })).toEqual([
      {
        at: ['var'],
        message:
          'reads "manifest.spec.intake.rois", but the manifest schema has no field "rois" there; did you mean "roi"?',
      },
    ]);
    // A name every object inherits is not a field.
    expect(checkLogic({ var: 'manifest.constructor' })).toEqual([
      {
        at: ['var'],
        message: 'reads "manifest.constructor", but the manifest schema has no field "constructor" there',
      },
    ]);
  });

  it('checks the path present reads as it checks var: a typo there is a rule that never holds', () => {
    expect(checkLogic({ present: 'manifest.spec.intake.rois' })).toEqual([
      {
        at: ['present'],
        message:
          'reads "manifest.spec.intake.rois", but the manifest schema has no field "rois" there; did you mean "roi"?',
      },
    ]);
    expect(checkLogic({ '!': { present: 'manifest.spec.toolz' } })[0]?.at).toEqual(['!', 'present']);
  });

  it('refuses a path outside the evaluation context, naming what rules read', () => {
    const [issue] = checkLogic({ var: 'manifst.spec' });
    expect(issue?.message).toBe(
      `"manifst.spec" is not in the evaluation context; did you mean "manifest"?; rules read ${CONTEXT_KEYS.join(', ')}`,
    );
  });

  it('knows item and index only in a rule with forEach, item typed as that list', () => {
    expect(checkLogic({ var: 'item.name' })[0]?.message).toMatch(
      /^"item\.name" is not in the evaluation context/,
    );
    expect(checkLogic({ var: 'item.name' }, 'manifest.spec.data.sources')).toEqual([]);
    expect(checkLogic({ var: 'index' }, 'manifest.spec.data.sources')).toEqual([]);
  });

  it('types the items inside some, all, none, filter and map by the list they read', () => {
    const sources = { var: 'manifest.spec.data.sources' };
    expect(checkLogic({ some: [sources, { '==': [{ var: 'classification' }, 'regulated'] }] })).toEqual([]);
    expect(checkLogic({ all: [sources, { present: 'personalData' }] })).toEqual([]);
    expect(checkLogic({ some: [sources, { '==': [{ var: 'clasification' }, 'regulated'] }] })).toEqual([
      {
        at: ['some', 1, '==', 0, 'var'],
        message:
          'reads "clasification", but the manifest schema has no field "clasification" there; did you mean "classification"?',
      },
    ]);
    // root reads the whole context from inside a list, and is checked against it.
    expect(checkLogic({ all: [sources, { root: 'manifest.spec.intake.goal' }] })).toEqual([]);
    expect(checkLogic({ all: [sources, { root: 'manifest.spec.intake.goall' }] })[0]?.at).toEqual([
      'all',
      1,
      'root',
    ]);
  });

  it('refuses an unknown operation with a did-you-mean, and an operation with more than one key', () => {
    expect(checkLogic({ and: [true, { nonemtpy: [1] }] })).toEqual([
      {
        at: ['and', 1, 'nonemtpy'],
        message: 'unknown operation "nonemtpy"; did you mean "nonempty"? (see docs/policies.md)',
      },
    ]);
    // Operations JSON Logic has but CoE Gate removed are unknown too.
    expect(checkLogic({ missing: ['manifest.spec'] })[0]?.message).toMatch(/^unknown operation "missing"/);
    expect(checkLogic({ '==': [1, 2], '!=': [1, 2] })).toEqual([
      { at: [], message: 'a JSON Logic operation has exactly one key (the operator), not 2: ==, !=' },
    ]);
    expect(checkLogic({})[0]?.message).toBe(
      'a JSON Logic operation has exactly one key (the operator), not 0: none',
    );
  });

  it('refuses an operation on constants that fails whatever the use case', () => {
    expect(checkLogic({ stage_index: 'prototyp' })).toEqual([
      {
        at: ['stage_index'],
        message: '"prototyp" is not a stage (intake, discovery, prototype, mvp, pilot, production, retired)',
      },
    ]);
    expect(checkLogic({ stage_index: 'prototype' })).toEqual([]);
    // On data, the same operation is only decided when a use case is judged.
    expect(checkLogic({ stage_index: { var: 'manifest.spec.lifecycle.stage' } })).toEqual([]);
  });
});

describe('checkForEach', () => {
  it('accepts a list of the manifest, and refuses a field that is not a list or not there', () => {
    expect(checkForEach('manifest.spec.data.sources')).toBeUndefined();
    expect(checkForEach('manifest.spec.intake.goal')).toBe('"manifest.spec.intake.goal" is not a list');
    expect(checkForEach('manifest.spec.datas')).toBe(
      'reads "manifest.spec.datas", but the manifest schema has no field "datas" there; did you mean "data"?',
    );
    expect(checkForEach('sources')).toMatch(/^"sources" is not in the evaluation context/);
  });
});

describe('checkManifestField', () => {
  it('names a manifest field by its path from the manifest, as the RACI and the roles registry do', () => {
    expect(checkManifestField('spec.models')).toBeUndefined();
    expect(checkManifestField('metadata.champion')).toBeUndefined();
    expect(checkManifestField('spec.toolz')).toBe(
      'reads "spec.toolz", but the manifest schema has no field "toolz" there; did you mean "tools"?',
    );
  });

  it('reads through lists only when asked: a field of the items of a list', () => {
    expect(checkManifestField('spec.evaluation.suites.threshold', true)).toBeUndefined();
    expect(checkManifestField('spec.evaluation.suites.threshold')).toBe(
      'reads "spec.evaluation.suites.threshold", but the manifest schema has no field "threshold" there',
    );
    // Refused, though without the nearest name: the hint does not look through the list.
    expect(checkManifestField('spec.evaluation.suites.treshold', true)).toBe(
      'reads "spec.evaluation.suites.treshold", but the manifest schema has no field "treshold" there',
    );
  });
});
