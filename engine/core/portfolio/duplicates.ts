// Likely duplicate use cases: two manifests with the same title, or with a very similar title and
// a very similar goal, in the same domain or in two. Advisory: a portfolio smell to look at (the
// same system registered twice, the same idea in two departments), never a reason to block.
//
// Near-linear, for 50,000 manifests in one `coe check`: texts are reduced to sets of normalised
// words (case, accents, punctuation, stop words and simple plurals set aside), pairs are only
// compared when they share a title (exactly, through a map) or one of the rarest words of a title
// (prefix filtering: any two sets whose Jaccard similarity reaches the threshold share one of
// their rarest words), and a word in more titles than POSTINGS_CAP is too common to propose a pair.

import type { DuplicatePair } from '../../schema/check-report.gen.ts';
import { copyString } from '../check/keep.ts';
import { isPlaceholder } from '../manifest/placeholders.ts';

/** How similar two texts must be, as the Jaccard similarity of their sets of words (0-1). */
export interface DuplicateThresholds {
  /** The titles' similarity from which a pair is compared on its goals. */
  title: number;
  /** The goals' similarity that, with similar titles, makes a likely duplicate. */
  goal: number;
}

/**
 * Tuned on the 3,611 use cases of the US federal AI inventory (2025): docs/portfolio.md#likely-
 * duplicates gives the pairs they flag there.
 */
export const DUPLICATE_THRESHOLDS: DuplicateThresholds = { title: 0.6, goal: 0.8 };

/** A word in more titles than this proposes no pair: it says too little (and would cost n²). */
export const POSTINGS_CAP = 100;

/** An existing use case a new one would duplicate. */
export interface DuplicateMatch {
  file: string;
  title: string;
  reason: DuplicateReason;
  titleSimilarity: number;
  goalSimilarity: number;
}

/** Two use cases that look like one: the check report's own type (check-report.schema.json). */
export type { DuplicatePair };

/** Why two use cases look like one. */
export type DuplicateReason = DuplicatePair['reason'];

// Words that say nothing about which use case it is: English function words, and what every
// use case in an AI portfolio says of itself.
const STOP_WORDS = new Set(
  (
    'a an and are as at be by can for from has have in into is it its of on or our so that the their ' +
    'them these this those to was we were which while who will with within without via per all any ' +
    'more most other such than then there also use used using uses based new help helps ' +
    'ai artificial intelligence'
  ).split(' '),
);

/** A word's singular, well enough to match "claims" with "claim" and "queries" with "query". */
function singular(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (word.endsWith('sses')) return word.slice(0, -2);
  if (word.endsWith('s') && !/(ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** The words of a text as compared: lower case, without accents, stop words and plurals. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .map(singular);
}

/** The Jaccard similarity of two sorted sets of numbers: shared / all. 0 when both are empty. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let i = 0;
  let j = 0;
  let shared = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

interface Entry {
  file: string;
  title: string;
  titleWords: Uint32Array;
  goalWords: Uint32Array;
  /** The title's words, sorted and joined: equal for titles that read the same. */
  titleKey: string;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Collects each use case's title and goal as its manifest streams past (as sets of word numbers:
 * nothing of the file is kept), then finds the likely duplicates among them.
 */
export class DuplicateFinder {
  private readonly vocabulary = new Map<string, number>();
  private readonly entries: Entry[] = [];
  private readonly thresholds: DuplicateThresholds;

  constructor(thresholds: DuplicateThresholds = DUPLICATE_THRESHOLDS) {
    this.thresholds = thresholds;
  }

  add(file: string, title: string, goal: string): void {
    const titleWords = this.ids(words(title));
    this.entries.push({
      file,
      title,
      titleWords,
      goalWords: this.goalIds(goal),
      titleKey: titleWords.join(' '),
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The likely duplicates, sorted by their files. */
  pairs(): DuplicatePair[] {
    const found = new Map<string, DuplicatePair>();
    const record = (a: Entry, b: Entry, reason: DuplicateReason, titleSimilarity: number) => {
      const [x, y] = a.file < b.file ? [a, b] : [b, a];
      const key = `${x.file}\0${y.file}`;
      if (found.has(key)) return;
      found.set(key, {
        files: [x.file, y.file],
        titles: [x.title, y.title],
        reason,
        titleSimilarity: round(titleSimilarity),
        goalSimilarity: round(jaccard(x.goalWords, y.goalWords)),
      });
    };

    // The same title: each file paired with the first of its group (not every pair of a group of
    // thirty, which would bury the report), by path so the pairing is stable.
    const byTitle = new Map<string, Entry[]>();
    for (const e of this.entries) {
      if (e.titleWords.length === 0) continue;
      const group = byTitle.get(e.titleKey);
      if (group) group.push(e);
      else byTitle.set(e.titleKey, [e]);
    }
    for (const group of byTitle.values()) {
      if (group.length < 2) continue;
      group.sort((a, b) => (a.file < b.file ? -1 : 1));
      const [first, ...rest] = group as [Entry, ...Entry[]];
      for (const e of rest) record(first, e, 'same-title', 1);
    }

    // Similar titles: candidates share one of the rarest words of a title's prefix.
    const frequency = new Map<number, number>();
    for (const e of this.entries) for (const w of e.titleWords) frequency.set(w, (frequency.get(w) ?? 0) + 1);
    const postings = new Map<number, number[]>();
    const { title: t, goal: g } = this.thresholds;
    this.entries.forEach((e, index) => {
      const n = e.titleWords.length;
      if (n === 0) return;
      const rarest = [...e.titleWords].sort(
        (a, b) => (frequency.get(a) as number) - (frequency.get(b) as number) || a - b,
      );
      const prefix = rarest.slice(0, n - Math.ceil(t * n) + 1);
      const seen = new Set<number>();
      for (const w of prefix) {
        if ((frequency.get(w) as number) > POSTINGS_CAP) continue;
        const list = postings.get(w);
        for (const other of list ?? []) {
          if (seen.has(other)) continue;
          seen.add(other);
          const o = this.entries[other] as Entry;
          if (o.titleKey === e.titleKey) continue; // the same title, paired above
          const ts = jaccard(e.titleWords, o.titleWords);
          if (ts >= t && jaccard(e.goalWords, o.goalWords) >= g) record(o, e, 'similar', ts);
        }
        if (list) list.push(index);
        else postings.set(w, [index]);
      }
    });
    return [...found.values()].sort((a, b) =>
      a.files[0] < b.files[0] ? -1 : a.files[0] > b.files[0] ? 1 : a.files[1] < b.files[1] ? -1 : 1,
    );
  }

  /**
   * The use cases collected that a new one with this title and goal would duplicate (`coe new`),
   * closest first: it is compared with each, as only one is asked about. Without a goal (`coe new`
   * asks for a title only), a similar title is enough.
   */
  similarTo(title: string, goal?: string): DuplicateMatch[] {
    const titleWords = this.ids(words(title));
    const goalWords = this.goalIds(goal ?? '');
    if (titleWords.length === 0) return [];
    const key = titleWords.join(' ');
    const { title: t, goal: g } = this.thresholds;
    const out: DuplicateMatch[] = [];
    for (const e of this.entries) {
      const same = e.titleKey === key;
      const ts = same ? 1 : jaccard(titleWords, e.titleWords);
      const gs = jaccard(goalWords, e.goalWords);
      if (!same && !(ts >= t && (goal === undefined || gs >= g))) continue;
      out.push({
        file: e.file,
        title: e.title,
        reason: same ? 'same-title' : 'similar',
        titleSimilarity: round(ts),
        goalSimilarity: round(gs),
      });
    }
    return out.sort((a, b) => b.titleSimilarity - a.titleSimilarity || (a.file < b.file ? -1 : 1));
  }

  /** A goal's words; none for the placeholder `coe new` writes (every new use case has the same). */
  private goalIds(goal: string): Uint32Array {
    return this.ids(isPlaceholder(goal) ? [] : words(goal));
  }

  /** A text's words as sorted, distinct numbers. */
  private ids(list: string[]): Uint32Array {
    const out = new Set<number>();
    for (const w of list) {
      let id = this.vocabulary.get(w);
      if (id === undefined) {
        id = this.vocabulary.size;
        this.vocabulary.set(copyString(w), id); // not a view into the text it came from
      }
      out.add(id);
    }
    return Uint32Array.from(out).sort();
  }
}
