// The JSON reporter writes in pieces (engine/report/json.ts): joined, they must be exactly what
// JSON.stringify(value, null, 2) writes, and no piece may hold more than one member of a list.
import { describe, expect, it } from 'vitest';
import { jsonChunks, jsonDocument, LONG_LIST } from '../../engine/report/json.ts';

const useCase = (i: number) => ({
  id: `use-case-${i}`,
  title: 'Line\nbreak, "quotes", \u2028 and → arrows',
  findings: i % 2 ? [{ rule: 'a.b', line: i, column: 3, path: '' }] : [],
  tier: { reasons: [], declared: 'high' },
  gone: undefined,
  priority: i % 3 ? 2.5 : null,
});

describe('jsonChunks', () => {
  const values: [string, unknown][] = [
    ['a report', { tool: { name: 'coe-gate' }, problems: [], useCases: [0, 1, 2, 3].map(useCase) }],
    ['empty containers', { a: [], b: {}, c: [[]], d: [{}] }],
    ['members JSON leaves out', { a: undefined, b: () => 1, c: [undefined, () => 1, Symbol('s')], d: 1 }],
    ['an object with nothing written', { a: undefined }],
    ['numbers JSON cannot write', { n: [Number.NaN, Number.POSITIVE_INFINITY, -0, 1e21] }],
    ['a date', { at: new Date(Date.UTC(2026, 11, 2)) }],
    ['scalars', ['x', 1, true, null]],
    ['a bare string', 'a\nb'],
    ['nesting deeper than the streamed levels', { a: [{ b: [{ c: [1, { d: [] }] }] }] }],
  ];
  for (const [name, value] of values) {
    it(`writes ${name} as JSON.stringify does`, () => {
      expect([...jsonChunks(value)].join('')).toBe(JSON.stringify(value, null, 2));
      expect([...jsonDocument(value)].join('')).toBe(`${JSON.stringify(value, null, 2)}\n`);
    });
  }

  it('writes each use case as its own piece', () => {
    const report = { useCases: Array.from({ length: 1000 }, (_, i) => useCase(i)) };
    const pieces = [...jsonChunks(report)];
    const whole = JSON.stringify(report, null, 2);
    expect(pieces.join('')).toBe(whole);
    expect(Math.max(...pieces.map((p) => p.length))).toBe(
      Math.max(...report.useCases.map((u) => JSON.stringify(u, null, 2).replaceAll('\n', '\n    ').length)),
    );
  });

  it('writes a long list nested below the streamed levels member by member, a short one whole', () => {
    const lines = (n: number) => Array.from({ length: n }, (_, i) => ({ metric: `m${i}`, target: i }));
    const report = { financial: { roi: lines(LONG_LIST + 1), few: lines(LONG_LIST) } };
    const pieces = [...jsonChunks(report)];
    expect(pieces.join('')).toBe(JSON.stringify(report, null, 2));
    // Each ROI line is a piece of its own; the short list is one piece.
    const roiLine = JSON.stringify(report.financial.roi[0], null, 2).replaceAll('\n', '\n      ');
    expect(pieces).toContain(roiLine);
    const few = JSON.stringify(report.financial.few, null, 2).replaceAll('\n', '\n    ');
    expect(pieces).toContain(few);
    expect(pieces.filter((p) => p.includes('"metric"')).length).toBe(LONG_LIST + 2);
  });
});
