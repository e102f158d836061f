// load → validate → conventions: the manifest half of `coe check`, pure over file contents.
// Streams: each file is read, judged and dropped before the next, so memory stays flat however
// large the portfolio; only a summary row per use case (with what onManifest returns) is kept,
// its strings shared through a Keep (keep.ts).
import type { CheckReport } from '../../schema/check-report.gen.ts';
import { upgradeHistoricManifest } from '../approvals/identity.ts';
import { checkFileLocation, DuplicateIds, type ManifestDocument } from '../manifest/conventions.ts';
import { checkLinks } from '../manifest/links.ts';
import { notePlaceholderFree } from '../manifest/placeholders.ts';
import { NotRegularFileError } from '../not-regular.ts';
import {
  comparePairs,
  DuplicateFinder,
  type DuplicatePair,
  type OtherUseCases,
  type TitleAndGoal,
} from '../portfolio/duplicates.ts';
import { compareProblems, type Problem, problem } from '../problem.ts';
import { validateManifest } from '../schema/validator.ts';
import type { LoadedManifest, SourceFile } from '../source.ts';
import { decodeText, parseYaml, tooLarge } from '../yaml/parse.ts';
import { copyString, Keep } from './keep.ts';

export { copyString };

/** What a SourceFile's read() throws for a file over LIMITS.maxFileBytes, instead of reading it. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  readonly size: number;
  constructor(size: number) {
    super(tooLarge(size));
    this.size = size;
  }
}

export type { LoadedManifest, SourceFile };

/** What a use case's row in the check report (check-report.schema.json) takes from its manifest. */
export type UseCaseRow = Pick<
  CheckReport['useCases'][number],
  | 'id'
  | 'file'
  | 'title'
  | 'domain'
  | 'stage'
  | 'riskTier'
  | 'pattern'
  | 'audience'
  | 'decisionMode'
  | 'owner'
>;

export interface ManifestCheck<V extends object = object> {
  /** Files that were looked at, including those refused before reading. */
  files: number;
  /** One row per valid manifest, in file order, with what onManifest returned for it. */
  useCases: (UseCaseRow & Partial<V>)[];
  /** Every problem in every file, sorted by file and position. */
  problems: Problem[];
  /** Pairs of valid manifests that look like one use case (duplicates.ts), sorted by file. */
  duplicates: DuplicatePair[];
}

export interface CheckOptions<V extends object = object> {
  /** Problems found before reading (missing paths, links out of the repository…). */
  inputProblems?: readonly Problem[];
  /**
   * Called with each valid manifest while its text is still at hand (the policies plug in here).
   * What it returns is added to the use case's row: only that is kept of the file, so it should
   * be small and hold nothing of the parse (copy what it takes from the manifest with `keep`).
   */
  onManifest?: (loaded: LoadedManifest, keep: Keep) => V | undefined;
  /**
   * Called with each valid manifest before onManifest: the problems it returns (references to the
   * policies' registries) are the file's.
   */
  checkReferences?: (loaded: LoadedManifest) => readonly Problem[] | undefined;
  /** Whether a repository path exists: given, links to files in the repository are checked. */
  linkExists?: (repoPath: string) => boolean;
  /** The use cases a change leaves alone, when only the changed ones are checked: compared for likely duplicates. */
  unchanged?: UnchangedUseCases;
}

/** The use cases a change leaves alone, as `coe check --base` and the gate know them without reading them. */
export interface UnchangedUseCases {
  /** Each one's title by file, in file order; undefined where only the whole file says it. */
  titles: ReadonlyMap<string, string | undefined>;
  /** One of them, to read whole (few are: those whose title is like a changed one's). */
  source(file: string): SourceFile | undefined;
}

export function checkManifests<V extends object = object>(
  sources: Iterable<SourceFile>,
  options: CheckOptions<V> = {},
): ManifestCheck<V> {
  const problems: Problem[] = [...(options.inputProblems ?? [])];
  const useCases: (UseCaseRow & Partial<V>)[] = [];
  const ids = new DuplicateIds();
  const duplicates = new DuplicateFinder();
  const keep = new Keep();
  let files = new Set(problems.map((p) => p.file)).size;
  for (const source of sources) {
    files++;
    let bytes: Uint8Array;
    try {
      bytes = source.read();
    } catch (error) {
      if (error instanceof FileTooLargeError) {
        problems.push(problem(source.file, 'file-too-large', error.message));
        continue;
      }
      if (error instanceof NotRegularFileError) {
        problems.push(problem(source.file, 'file-not-regular', error.message));
        continue;
      }
      const reason = (error as { code?: string }).code ?? String(error);
      problems.push(
        problem(source.file, 'file-unreadable', `cannot read the file (${reason}); check its permissions`),
      );
      continue;
    }
    // A problem may quote the file (a YAML snippet, a value): kept copies, not views into its text.
    const found: Problem[] = [];
    const { document, loaded, invalid } = readManifest(source.file, bytes, found);
    if (document) {
      // Where the file is, its id and its links are checked whether or not the schema holds, so
      // one run reports them all; what a schema problem already names is not checked again.
      found.push(...checkFileLocation(document, invalid));
      if (options.linkExists) found.push(...checkLinks(document, options.linkExists, invalid));
      const id = (document.manifest as { metadata?: { id?: unknown } }).metadata?.id;
      if (!loaded && typeof id === 'string' && !invalid.has('metadata.id')) ids.add(copyString(id), source);
    }
    if (found.length) problems.push(...keep.copy(found));
    if (!loaded) continue;
    const references = options.checkReferences?.(loaded);
    if (references?.length) problems.push(...keep.copy(references));
    const verdict = options.onManifest?.(loaded, keep);
    const row = summarise(loaded, keep);
    useCases.push(verdict ? { ...row, ...verdict } : (row as UseCaseRow & Partial<V>));
    ids.add(row.id, source); // the row's copy: the manifest's own string would pin the file's text
    duplicates.add(row.file, row.title, loaded.manifest.spec.intake.goal);
  }
  problems.push(...ids.problems());
  return {
    files,
    useCases: useCases.sort((a, b) => (a.file < b.file ? -1 : 1)),
    problems: problems.sort(compareProblems),
    duplicates: options.unchanged
      ? [...duplicates.pairs(), ...duplicates.pairsWith(unchangedOnes(options.unchanged))].sort(comparePairs)
      : duplicates.pairs(),
  };
}

/** Unchanged use cases as the duplicate finder compares them: one that does not parse is left out. */
function unchangedOnes({ titles, source }: UnchangedUseCases): OtherUseCases {
  return {
    titles,
    read(file: string): TitleAndGoal | undefined {
      let bytes: Uint8Array | undefined;
      try {
        bytes = source(file)?.read();
      } catch {
        return undefined; // a link or an unreadable file: the check of the change reports it, if in it
      }
      if (bytes === undefined) return undefined;
      const decoded = decodeText(file, bytes);
      const parsed = decoded.ok ? parseYaml(file, decoded.text) : decoded;
      if (!parsed.ok) return undefined;
      const { metadata, spec } = parsed.value as {
        metadata?: { title?: unknown };
        spec?: { intake?: { goal?: unknown } };
      };
      const goal = spec?.intake?.goal;
      return typeof metadata?.title === 'string'
        ? { title: metadata.title, goal: typeof goal === 'string' ? goal : '' }
        : undefined;
    },
  };
}

/** One file's bytes → a valid manifest, or its problems appended to `problems`. */
export function loadManifest(
  file: string,
  bytes: Uint8Array,
  problems: Problem[],
): LoadedManifest | undefined {
  return readManifest(file, bytes, problems).loaded;
}

/**
 * A version of a manifest read from git history (the audit trail, a change's base, a commit a
 * review saw): approvals and waivers an old commit wrote with a bare login, valid then, read as
 * "@login" (identity.ts). Today's content is read with loadManifest, which refuses the bare form.
 */
export function loadHistoricManifest(
  file: string,
  bytes: Uint8Array,
  problems: Problem[],
): LoadedManifest | undefined {
  return readManifest(file, bytes, problems, true).loaded;
}

interface ManifestRead {
  /** The document as parsed, when it is a YAML mapping, valid or not. */
  document?: ManifestDocument;
  /** The manifest, when the document is valid. */
  loaded?: LoadedManifest;
  /** The paths the schema's problems name. */
  invalid: ReadonlySet<string>;
}

/** One file's bytes → the document and, when it validates, the manifest; problems appended. */
function readManifest(file: string, bytes: Uint8Array, problems: Problem[], historic = false): ManifestRead {
  const none = { invalid: new Set<string>() };
  const decoded = decodeText(file, bytes);
  const parsed = decoded.ok ? parseYaml(file, decoded.text) : decoded;
  if (!parsed.ok) {
    problems.push(...parsed.problems);
    return none;
  }
  if (historic) upgradeHistoricManifest(parsed.value);
  const document = { file, text: parsed.text, manifest: parsed.value, events: parsed.events };
  const valid = validateManifest(file, parsed.text, parsed.value, parsed.events);
  if (!valid.ok) {
    problems.push(...valid.problems);
    return { document, invalid: new Set(valid.problems.map((p) => p.path)) };
  }
  notePlaceholderFree(valid.value, parsed.text);
  return { document, loaded: { ...document, manifest: valid.value }, invalid: none.invalid };
}

function summarise({ file, manifest: { metadata, spec } }: LoadedManifest, keep: Keep): UseCaseRow {
  // Strings taken from a manifest are copies: V8 substrings (13 characters and longer, so
  // "internal-copilot" too) would otherwise keep each file's whole text alive with the row. Those
  // many use cases share are kept once; the id and title are each use case's own.
  return {
    id: copyString(metadata.id),
    file,
    title: copyString(metadata.title),
    domain: keep.string(metadata.domain),
    stage: keep.string(spec.lifecycle.stage),
    riskTier: keep.string(spec.classification.riskTier),
    pattern: keep.string(spec.classification.pattern),
    audience: keep.string(spec.classification.audience),
    decisionMode: keep.string(spec.classification.decisionMode),
    owner: keep.string(metadata.owner),
  };
}

/**
 * A deep copy whose strings are new: V8 substrings would otherwise keep each file's whole text
 * alive for as long as what was taken from it lives.
 */
export function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
