// Likely duplicate use cases: what counts as the same title, as a similar title and goal, and what
// does not; and that a portfolio of 50,000 is not compared pair by pair.
import { describe, expect, it } from 'vitest';
import {
  DUPLICATE_THRESHOLDS,
  DuplicateFinder,
  jaccard,
  words,
} from '../../engine/core/portfolio/duplicates.ts';

const GOAL = 'Route first notice of loss emails to the right claims queue within minutes of arrival.';

function pairsOf(entries: [file: string, title: string, goal: string][]) {
  const finder = new DuplicateFinder();
  for (const [file, title, goal] of entries) finder.add(file, title, goal);
  return finder.pairs();
}

describe('words', () => {
  it('sets case, accents, punctuation, stop words and simple plurals aside', () => {
    expect(words('The Claims-Triage Assistant, for Brokers!')).toEqual([
      'claim',
      'triage',
      'assistant',
      'broker',
    ]);
    expect(words('Café queries (AI) & Records')).toEqual(['cafe', 'query', 'record']);
    // Words that only look plural stay as they are.
    expect(words('status analysis process')).toEqual(['status', 'analysis', 'process']);
  });
});

describe('jaccard', () => {
  it('is shared over all, 0 for two empty sets', () => {
    expect(jaccard(Uint32Array.from([1, 2, 3]), Uint32Array.from([2, 3, 4]))).toBe(0.5);
    expect(jaccard(Uint32Array.from([]), Uint32Array.from([]))).toBe(0);
    expect(jaccard(Uint32Array.from([7]), Uint32Array.from([7]))).toBe(1);
  });
});

describe('DuplicateFinder', () => {
  it('pairs two use cases with the same title in two domains, whatever their goals', () => {
    const pairs = pairsOf([
      ['usecases/it/public-comments.yaml', 'Public Comments Analysis', 'Sort the comments a rule draws.'],
      ['usecases/legal/comment-analysis.yaml', 'Public comment analysis', 'Find duplicate form letters.'],
    ]);
    expect(pairs).toEqual([
      {
        files: ['usecases/it/public-comments.yaml', 'usecases/legal/comment-analysis.yaml'],
        titles: ['Public Comments Analysis', 'Public comment analysis'],
        reason: 'same-title',
        titleSimilarity: 1,
        goalSimilarity: 0,
      },
    ]);
  });

  it('pairs a similar title with a similar goal, not a similar title with another goal', () => {
    const pairs = pairsOf([
      ['usecases/claims/fnol-triage.yaml', 'FNOL triage assistant', GOAL],
      ['usecases/ops/fnol-triage-helper.yaml', 'FNOL triage assistant pilot', `${GOAL} Pilot.`],
      [
        'usecases/hr/fnol-triage-training.yaml',
        'FNOL triage assistant training',
        'Train new handlers on the triage rules with worked examples.',
      ],
    ]);
    expect(pairs.map((p) => [p.files, p.reason])).toEqual([
      [['usecases/claims/fnol-triage.yaml', 'usecases/ops/fnol-triage-helper.yaml'], 'similar'],
    ]);
    expect(pairs[0]?.titleSimilarity).toBe(0.75);
    expect(pairs[0]?.goalSimilarity).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLDS.goal);
  });

  it('leaves unrelated use cases and same-topic ones alone', () => {
    expect(
      pairsOf([
        ['usecases/claims/a.yaml', 'Claims fraud signal assistant', 'Flag claims that look like fraud.'],
        [
          'usecases/claims/b.yaml',
          'Claims subrogation recovery agent',
          'Find claims to recover from third parties.',
        ],
        ['usecases/it/c.yaml', 'IT ticket auto-routing', 'Route tickets to the right resolver group.'],
      ]),
    ).toEqual([]);
  });

  it('compares no goal that is still the placeholder coe new writes', () => {
    const todo = 'TODO: the business goal in one or two sentences';
    expect(
      pairsOf([
        ['usecases/claims/a.yaml', 'Claims triage bot', todo],
        ['usecases/claims/b.yaml', 'Claims triage bot v2', todo],
      ]),
    ).toEqual([]);
  });

  it('pairs each file of a group that shares a title with the group’s first, not every two', () => {
    const pairs = pairsOf(
      ['d', 'b', 'a', 'c'].map((x) => [`usecases/${x}/copilot.yaml`, 'Microsoft Copilot', `Goal ${x}.`]),
    );
    expect(pairs.map((p) => p.files)).toEqual([
      ['usecases/a/copilot.yaml', 'usecases/b/copilot.yaml'],
      ['usecases/a/copilot.yaml', 'usecases/c/copilot.yaml'],
      ['usecases/a/copilot.yaml', 'usecases/d/copilot.yaml'],
    ]);
  });

  it('is near-linear: 50,000 use cases made from 20 goals and one title pattern cost no pair', () => {
    const finder = new DuplicateFinder();
    for (let i = 0; i < 50_000; i++)
      finder.add(`usecases/d/u${i}.yaml`, `Synthetic use case ${i}`, `${GOAL} Variant ${i % 20}.`);
    const started = performance.now();
    expect(finder.pairs()).toEqual([]);
    // All pairs would be 1.25 billion comparisons; the rarest words propose none here.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('finds the use cases a new title reads like, the same title first', () => {
    const finder = new DuplicateFinder();
    finder.add('usecases/claims/fnol.yaml', 'FNOL triage assistant', GOAL);
    finder.add('usecases/ops/fnol.yaml', 'FNOL triage assistants', GOAL);
    finder.add('usecases/hr/cv.yaml', 'CV screening shortlister', 'Shortlist applicants.');
    expect(finder.similarTo('fnol triage assistant for motor').map((m) => [m.file, m.reason])).toEqual([
      ['usecases/claims/fnol.yaml', 'similar'],
      ['usecases/ops/fnol.yaml', 'similar'],
    ]);
    expect(finder.similarTo('The FNOL Triage Assistant')[0]).toMatchObject({
      file: 'usecases/claims/fnol.yaml',
      reason: 'same-title',
    });
    expect(finder.similarTo('Invoice matching agent')).toEqual([]);
  });
});
