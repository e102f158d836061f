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

/** A use case's title and goal, as compared. */
export interface TitleAndGoal {
  title: string;
  goal: string;
}

/** Use cases compared with those collected without being collected (DuplicateFinder.pairsWith). */
export interface OtherUseCases {
  /** Each one's title by file, as cheaply read; undefined where it must be read from the whole file. */
  titles: ReadonlyMap<string, string | undefined>;
  /** One's title and goal from its whole manifest; undefined when it cannot be read as one. */
  read(file: string): TitleAndGoal | undefined;
}

/** Two use cases that look like one: the check report's own type (check-report.schema.json). */
export type { DuplicatePair };

/** Why two use cases look like one. */
export type DuplicateReason = DuplicatePair['reason'];

/** The rule id annotations (SARIF, GitHub, the Action's check run) give a likely duplicate. */
export const DUPLICATE_RULE = 'portfolio/likely-duplicate';

export const DUPLICATE_HELP =
  'Two use cases look like one: the same title, or a very similar title and goal (in the same domain or in two). ' +
  'If they are one, merge them into one manifest and retire the other; if not, tell them apart in their titles and goals.';

/** Why the pair was flagged, in a few words. */
export function duplicateWhy(pair: DuplicatePair): string {
  return pair.reason === 'same-title'
    ? `same title${pair.goalSimilarity >= DUPLICATE_THRESHOLDS.goal ? ' and goal' : ''}`
    : `similar title and goal (title ${pair.titleSimilarity}, goal ${pair.goalSimilarity} alike)`;
}

/** What a note on one of the two files says: the other file, its title and why. */
export function duplicateNote(pair: DuplicatePair, side: 0 | 1): string {
  const other = side === 0 ? 1 : 0;
  return `likely a duplicate of ${pair.files[other]} ("${pair.titles[other]}"): ${duplicateWhy(pair)}. Merge them, or tell them apart in title and goal.`;
}

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
  // Printable ASCII (most text) needs no Unicode normalising, nor a Unicode-aware split.
  const ascii = !/[^ -~\t\r\n]/.test(text);
  const lower = ascii ? text.toLowerCase() : text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();
  return lower
    .split(ascii ? /[^a-z0-9]+/ : /[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0 && !STOP_WORDS.has(w))
    .map(singular);
}

/** The Jaccard similarity of two sorted sets of numbers: shared / all. 0 when both are empty. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  return jaccardIn(a, 0, a.length, b, 0, b.length);
}

/** jaccard of a[a0..a1) and b[b0..b1). */
function jaccardIn(a: Uint32Array, a0: number, a1: number, b: Uint32Array, b0: number, b1: number): number {
  if (a1 === a0 && b1 === b0) return 0;
  let i = a0;
  let j = b0;
  let shared = 0;
  while (i < a1 && j < b1) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a1 - a0 + (b1 - b0) - shared);
}

/** Whether a[a0..a1) and b[b0..b1) hold the same numbers. */
function sameIn(a: Uint32Array, a0: number, a1: number, b: Uint32Array, b0: number, b1: number): boolean {
  if (a1 - a0 !== b1 - b0) return false;
  for (let k = 0; k < a1 - a0; k++) if (a[a0 + k] !== b[b0 + k]) return false;
  return true;
}

/** Pairs in the order of their files. */
export function comparePairs(a: DuplicatePair, b: DuplicatePair): number {
  return a.files[0] < b.files[0] ? -1 : a.files[0] > b.files[0] ? 1 : a.files[1] < b.files[1] ? -1 : 1;
}

const round = (n: number) => Math.round(n * 100) / 100;

/**
 * Collects each use case's title and goal as its manifest streams past, as sorted sets of word
 * numbers in one growing array (nothing of the file is kept, and no object per use case: at
 * 50,000 that is some 10 MB, not 30), then finds the likely duplicates among them.
 */
export class DuplicateFinder {
  private readonly vocabulary = new Map<string, number>();
  private readonly thresholds: DuplicateThresholds;
  private readonly files: string[] = [];
  private readonly titles: string[] = [];
  /** Every use case's title words, then its goal words. */
  private pool = new Uint32Array(4096);
  private used = 0;
  /** Per use case i: where its goal words start (2i) and where they end (2i + 1); its title's start where the one before ends. */
  private bounds = new Int32Array(2048);

  constructor(thresholds: DuplicateThresholds = DUPLICATE_THRESHOLDS) {
    this.thresholds = thresholds;
  }

  add(file: string, title: string, goal: string): void {
    const i = this.files.length;
    this.files.push(file);
    this.titles.push(title);
    if (2 * i + 2 > this.bounds.length) {
      const grown = new Int32Array(this.bounds.length * 2);
      grown.set(this.bounds);
      this.bounds = grown;
    }
    this.append(words(title));
    this.bounds[2 * i] = this.used;
    this.append(isPlaceholder(goal) ? [] : words(goal));
    this.bounds[2 * i + 1] = this.used;
  }

  /** Appends the words' numbers to the pool, sorted and distinct. */
  private append(list: readonly string[]): void {
    const needed = this.used + list.length;
    if (needed > this.pool.length) {
      const grown = new Uint32Array(Math.max(needed, Math.ceil(this.pool.length * 1.5)));
      grown.set(this.pool.subarray(0, this.used));
      this.pool = grown;
    }
    const start = this.used;
    list.forEach((w, k) => {
      this.pool[start + k] = this.id(w);
    });
    this.pool.subarray(start, needed).sort();
    // Each number once.
    let end = start;
    for (let k = start; k < needed; k++)
      if (k === start || this.pool[k] !== this.pool[end - 1]) this.pool[end++] = this.pool[k] as number;
    this.used = end;
  }

  get size(): number {
    return this.files.length;
  }

  private titleStart(i: number): number {
    return i === 0 ? 0 : (this.bounds[2 * i - 1] as number);
  }

  private goalStart(i: number): number {
    return this.bounds[2 * i] as number;
  }

  private end(i: number): number {
    return this.bounds[2 * i + 1] as number;
  }

  private titleSimilarity(i: number, j: number): number {
    const p = this.pool;
    return jaccardIn(p, this.titleStart(i), this.goalStart(i), p, this.titleStart(j), this.goalStart(j));
  }

  private goalSimilarity(i: number, j: number): number {
    const p = this.pool;
    return jaccardIn(p, this.goalStart(i), this.end(i), p, this.goalStart(j), this.end(j));
  }

  private sameTitle(i: number, j: number): boolean {
    const p = this.pool;
    return sameIn(p, this.titleStart(i), this.goalStart(i), p, this.titleStart(j), this.goalStart(j));
  }

  /** The likely duplicates, sorted by their files. */
  pairs(): DuplicatePair[] {
    const { files, titles, pool } = this;
    const found = new Map<string, DuplicatePair>();
    const record = (a: number, b: number, reason: DuplicateReason, titleSimilarity: number) => {
      const [x, y] = (files[a] as string) < (files[b] as string) ? [a, b] : [b, a];
      const key = `${files[x]}\0${files[y]}`;
      if (found.has(key)) return;
      found.set(key, {
        files: [files[x] as string, files[y] as string],
        titles: [titles[x] as string, titles[y] as string],
        reason,
        titleSimilarity: round(titleSimilarity),
        goalSimilarity: round(this.goalSimilarity(x, y)),
      });
    };

    // The same title: each file paired with the first of its group (not every pair of a group of
    // thirty, which would bury the report), by path so the pairing is stable.
    const byTitle = new Map<string, number[]>();
    for (let i = 0; i < files.length; i++) {
      if (this.goalStart(i) === this.titleStart(i)) continue;
      const key = pool.subarray(this.titleStart(i), this.goalStart(i)).join(' ');
      const group = byTitle.get(key);
      if (group) group.push(i);
      else byTitle.set(key, [i]);
    }
    for (const group of byTitle.values()) {
      if (group.length < 2) continue;
      group.sort((a, b) => ((files[a] as string) < (files[b] as string) ? -1 : 1));
      const [first, ...rest] = group as [number, ...number[]];
      for (const i of rest) record(first, i, 'same-title', 1);
    }
    byTitle.clear();

    // Similar titles: candidates share one of the rarest words of a title's prefix.
    const frequency = new Map<number, number>();
    for (let k = 0; k < files.length; k++)
      for (let at = this.titleStart(k); at < this.goalStart(k); at++) {
        const w = pool[at] as number;
        frequency.set(w, (frequency.get(w) ?? 0) + 1);
      }
    const postings = new Map<number, number[]>();
    const { title: t, goal: g } = this.thresholds;
    for (let i = 0; i < files.length; i++) {
      const n = this.goalStart(i) - this.titleStart(i);
      if (n === 0) continue;
      const rarest = [...pool.subarray(this.titleStart(i), this.goalStart(i))].sort(
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
          if (this.sameTitle(i, other)) continue; // paired above
          const ts = this.titleSimilarity(i, other);
          if (ts >= t && this.goalSimilarity(i, other) >= g) record(other, i, 'similar', ts);
        }
        if (list) list.push(i);
        else postings.set(w, [i]);
      }
    }
    return [...found.values()].sort(comparePairs);
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
    const { title: t, goal: g } = this.thresholds;
    const { pool } = this;
    const out: DuplicateMatch[] = [];
    for (let i = 0; i < this.files.length; i++) {
      const [t0, g0, e] = [this.titleStart(i), this.goalStart(i), this.end(i)];
      const same = sameIn(titleWords, 0, titleWords.length, pool, t0, g0);
      const ts = same ? 1 : jaccardIn(titleWords, 0, titleWords.length, pool, t0, g0);
      const gs = jaccardIn(goalWords, 0, goalWords.length, pool, g0, e);
      if (!same && !(ts >= t && (goal === undefined || gs >= g))) continue;
      out.push({
        file: this.files[i] as string,
        title: this.titles[i] as string,
        reason: same ? 'same-title' : 'similar',
        titleSimilarity: round(ts),
        goalSimilarity: round(gs),
      });
    }
    return out.sort((a, b) => b.titleSimilarity - a.titleSimilarity || (a.file < b.file ? -1 : 1));
  }

  /**
   * The likely duplicates between the use cases collected and others left out of the collection
   * (those a change leaves alone, when only the changed ones are judged), in `others`' order:
   * each other's title is compared first, and only one that could match is read whole for its
   * goal. A collected use case with the same title as several others is paired with the first.
   */
  pairsWith(others: OtherUseCases): DuplicatePair[] {
    const collected = new Set(this.files);
    const pairedByTitle = new Set<string>();
    const out: DuplicatePair[] = [];
    for (const [file, lineTitle] of others.titles) {
      if (collected.has(file)) continue;
      // Read whole only when the line did not say the title, or the title is like a changed one's.
      let whole = lineTitle === undefined ? others.read(file) : undefined;
      const title = lineTitle ?? whole?.title;
      if (title === undefined || !this.titleLikeOne(title)) continue;
      whole ??= others.read(file);
      if (whole === undefined) continue;
      for (const m of this.similarTo(whole.title, whole.goal)) {
        if (m.reason === 'same-title') {
          if (pairedByTitle.has(m.file)) continue;
          pairedByTitle.add(m.file);
        }
        const theirs = { file, title: whole.title };
        const [x, y] = m.file < file ? [m, theirs] : [theirs, m];
        const { reason, titleSimilarity, goalSimilarity } = m;
        out.push({
          files: [x.file, y.file],
          titles: [x.title, y.title],
          reason,
          titleSimilarity,
          goalSimilarity,
        });
      }
    }
    return out;
  }

  /**
   * Whether a title is like one collected (the same, or as similar as DUPLICATE_THRESHOLDS.title):
   * similarTo's first test, without adding the title's words to the vocabulary, for the thousands
   * of titles a change is compared with.
   */
  private titleLikeOne(title: string): boolean {
    const known = new Set<number>();
    const unknown = new Set<string>();
    for (const w of words(title)) {
      const id = this.vocabulary.get(w);
      if (id === undefined) unknown.add(w);
      else known.add(id);
    }
    const theirs = known.size + unknown.size;
    if (theirs === 0) return false;
    for (let i = 0; i < this.files.length; i++) {
      const [t0, g0] = [this.titleStart(i), this.goalStart(i)];
      let shared = 0;
      for (let k = t0; k < g0; k++) if (known.has(this.pool[k] as number)) shared++;
      if (g0 > t0 && shared / (g0 - t0 + theirs - shared) >= this.thresholds.title) return true;
    }
    return false;
  }

  /** A goal's words; none for the placeholder `coe new` writes (every new use case has the same). */
  private goalIds(goal: string): Uint32Array {
    return this.ids(isPlaceholder(goal) ? [] : words(goal));
  }

  /** A text's words as sorted, distinct numbers. */
  private ids(list: string[]): Uint32Array {
    return Uint32Array.from(new Set(list.map((w) => this.id(w)))).sort();
  }

  /** A word's number, a new one for a word not seen yet. */
  private id(word: string): number {
    let id = this.vocabulary.get(word);
    if (id === undefined) {
      id = this.vocabulary.size;
      this.vocabulary.set(copyString(word), id); // not a view into the text it came from
    }
    return id;
  }
}
