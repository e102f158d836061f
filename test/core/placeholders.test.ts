// What coe new leaves for a team to fill: found with their paths, and left out of what rules read.
import { describe, expect, test } from 'vitest';
import { loadHistoricManifest, loadManifest } from '../../engine/core/check/check-manifests.ts';
import {
  findPlaceholders,
  hasPlaceholder,
  isPlaceholder,
  withoutPlaceholders,
} from '../../engine/core/manifest/placeholders.ts';
import type { Problem } from '../../engine/core/problem.ts';
import { manifest } from '../helpers/repo.ts';

describe('placeholders', () => {
  test('are text starting with TODO, and @OWNER; nothing else is', () => {
    for (const v of ['TODO', 'TODO: the goal', '  TODO later', '@OWNER', ' @OWNER '])
      expect(isPlaceholder(v), v).toBe(true);
    for (const v of ['Todo list app', 'See TODO.md', '@OWNERS', '@owner', 'x @OWNER', '', 0, null, ['TODO']])
      expect(isPlaceholder(v), String(v)).toBe(false);
  });

  test('whatever comes before the marker: a placeholder exactly when trimming leaves one (every BMP character)', () => {
    const reference = (v: string) => v.trimStart().startsWith('TODO') || v.trim() === '@OWNER';
    let placeholders = 0;
    for (let code = 0; code <= 0xffff; code++) {
      if (code >= 0xd800 && code <= 0xdfff) continue;
      const c = String.fromCharCode(code);
      for (const v of [`${c}TODO: the goal`, `${c}@OWNER`, `${c}${c}TODO`, `${c}`, `${c}x TODO`]) {
        expect(isPlaceholder(v), `U+${code.toString(16)}: ${JSON.stringify(v)}`).toBe(reference(v));
        if (reference(v)) placeholders++;
      }
    }
    // The white space trimming knows (some 25 characters) and the marker's own first letters.
    expect(placeholders).toBeGreaterThan(50);
  });

  test('are seen anywhere in a manifest, at any depth, exactly when there is one to list', () => {
    const values: unknown[] = [
      {},
      { a: 'TODO' },
      { a: { b: [1, { c: ' @OWNER' }] } },
      { a: { b: [1, { c: 'See TODO.md' }] }, d: null, e: true },
      [[['TODO x']]],
      ['TODO'],
      'TODO',
      'done',
      null,
      Object.create({ inherited: 'TODO' }),
    ];
    for (const v of values) expect(hasPlaceholder(v), JSON.stringify(v)).toBe(findPlaceholders(v).length > 0);
    expect(values.filter(hasPlaceholder)).toHaveLength(5);
  });

  test('are listed with the path a user reads, in document order', () => {
    const m = {
      metadata: { owner: '@OWNER', title: 'Triage' },
      spec: { roi: [{ metric: 'hours' }, { metric: 'TODO: metric' }], tags: ['a', 'TODO'] },
    };
    expect(findPlaceholders(m)).toEqual([
      { path: 'metadata.owner', value: '@OWNER' },
      { path: 'spec.roi[1].metric', value: 'TODO: metric' },
      { path: 'spec.tags[1]', value: 'TODO' },
    ]);
  });

  test('are left out of the manifest the rules read; list items keep their positions; nothing else changes', () => {
    const m = {
      metadata: { owner: '@OWNER', title: 'Triage' },
      spec: { roi: [{ metric: 'hours' }, { metric: 'TODO: metric' }], tags: ['a', 'TODO', 'b'] },
    };
    const read = withoutPlaceholders(m);
    expect(read).toEqual({
      metadata: { title: 'Triage' },
      spec: { roi: [{ metric: 'hours' }, {}], tags: ['a', null, 'b'] },
    });
    // The manifest itself is untouched, and what has no placeholder is shared, not copied.
    expect(m.metadata.owner).toBe('@OWNER');
    expect(read.spec.roi[0]).toBe(m.spec.roi[0]);
    const clean = { metadata: { title: 'Triage' }, spec: { tags: ['a'] } };
    expect(withoutPlaceholders(clean)).toBe(clean);
  });
});

describe('placeholders in a manifest as the engine loads it', () => {
  const GOAL = 'goal: Route first notice of loss emails to the right queue within minutes.';
  const load = (text: string, historic = false) => {
    const problems: Problem[] = [];
    const read = historic ? loadHistoricManifest : loadManifest;
    const loaded = read('usecases/claims/claims-intake-bot.yaml', Buffer.from(text), problems);
    if (!loaded) throw new Error(`the manifest does not load: ${problems[0]?.message}`);
    return loaded.manifest;
  };

  test('are seen however the text writes them, also where the text never spells the marker', () => {
    expect(manifest()).toContain(GOAL);
    expect(hasPlaceholder(load(manifest()))).toBe(false);
    // The loader notes a manifest whose text holds no marker as having none: a marker written
    // with escapes, or made by reading an old record, must still be seen.
    const variants = {
      plain: manifest().replace(GOAL, 'goal: "TODO: the goal"'),
      'escaped \\x': manifest().replace(GOAL, 'goal: "\\x54ODO: the goal"'),
      'escaped \\u': manifest().replace(GOAL, 'goal: "\\u0054ODO"'),
      'an escaped owner': manifest().replace('owner: "@acme/claims-ai"', 'owner: "@\\x4FWNER"'),
    };
    for (const [how, text] of Object.entries(variants)) {
      expect(text, how).not.toBe(manifest());
      const m = load(text);
      expect(hasPlaceholder(m), how).toBe(true);
      expect(findPlaceholders(m).length, how).toBe(1);
    }
    // A historic record's bare login is read as "@login": a bare OWNER becomes the placeholder.
    const approval =
      '    approvals:\n      - { stage: intake, role: coe-lead, login: OWNER, date: 2026-01-20, pr: 7 }\n';
    const historic = load(manifest('claims-intake-bot', 'claims', approval), true);
    expect(historic.spec.lifecycle.approvals?.[0]?.login).toBe('@OWNER');
    expect(hasPlaceholder(historic)).toBe(true);
  });

  test('a manifest changed after it was loaded is walked again, as any other value', () => {
    const m = load(manifest());
    expect(hasPlaceholder(m)).toBe(false);
    const copy = structuredClone(m);
    copy.spec.intake.goal = 'TODO: the goal';
    expect(hasPlaceholder(copy)).toBe(true);
  });
});
