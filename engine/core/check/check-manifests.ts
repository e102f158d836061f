// load → validate → conventions: the manifest half of `coe check`, pure over file contents.
// Streams: each file is read, judged and dropped before the next, so memory stays flat however
// large the portfolio; only a summary row per use case is kept.
import type { Event } from 'js-yaml';
import { checkFileLocation, DuplicateIds } from '../manifest/conventions.ts';
import { checkLinks } from '../manifest/links.ts';
import type { UseCase } from '../manifest/usecase.gen.ts';
import { NotRegularFileError } from '../not-regular.ts';
import { compareProblems, type Problem, problem } from '../problem.ts';
import { validateManifest } from '../schema/validator.ts';
import { decodeText, parseYaml, tooLarge } from '../yaml/parse.ts';

/** What a SourceFile's read() throws for a file over LIMITS.maxFileBytes, instead of reading it. */
export class FileTooLargeError extends Error {
  override name = 'FileTooLargeError';
  readonly size: number;
  constructor(size: number) {
    super(tooLarge(size));
    this.size = size;
  }
}

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** The file's bytes; called once while checking, and again only to locate a cross-file problem. */
  read: () => Uint8Array;
}

export interface LoadedManifest {
  file: string;
  text: string;
  manifest: UseCase;
  /** The parse events of `text`, for locating lines without parsing again. */
  events?: Event[];
}

export interface UseCaseRow {
  id: string;
  file: string;
  title: string;
  domain: string;
  stage: string;
  riskTier: string;
  pattern: string;
  audience: string;
  decisionMode: string;
  owner: string;
}

export interface ManifestCheck {
  /** Files that were looked at, including those refused before reading. */
  files: number;
  /** One row per valid manifest, in file order. */
  useCases: UseCaseRow[];
  /** Every problem in every file, sorted by file and position. */
  problems: Problem[];
}

export interface CheckOptions {
  /** Problems found before reading (missing paths, links out of the repository…). */
  inputProblems?: readonly Problem[];
  /**
   * Called with each valid manifest while its text is still at hand (the policies plug in here);
   * the problems it returns (references to the policies' registries) are the file's.
   */
  onManifest?: (loaded: LoadedManifest) => readonly Problem[] | undefined;
  /** Whether a repository path exists: given, links to files in the repository are checked. */
  linkExists?: (repoPath: string) => boolean;
}

export function checkManifests(sources: Iterable<SourceFile>, options: CheckOptions = {}): ManifestCheck {
  const problems: Problem[] = [...(options.inputProblems ?? [])];
  const useCases: UseCaseRow[] = [];
  const ids = new DuplicateIds();
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
    const loaded = loadManifest(source.file, bytes, problems);
    if (!loaded) continue;
    problems.push(...checkFileLocation(loaded));
    if (options.linkExists) problems.push(...checkLinks(loaded, options.linkExists));
    const found = options.onManifest?.(loaded);
    if (found?.length) problems.push(...found);
    const row = summarise(loaded);
    useCases.push(row);
    ids.add(row.id, source); // the row's copy: the manifest's own string would pin the file's text
  }
  problems.push(...ids.problems());
  return {
    files,
    useCases: useCases.sort((a, b) => (a.file < b.file ? -1 : 1)),
    problems: problems.sort(compareProblems),
  };
}

/** One file's bytes → a valid manifest, or its problems appended to `problems`. */
export function loadManifest(
  file: string,
  bytes: Uint8Array,
  problems: Problem[],
): LoadedManifest | undefined {
  const decoded = decodeText(file, bytes);
  if (!decoded.ok) return void problems.push(...decoded.problems);
  const parsed = parseYaml(file, decoded.text);
  if (!parsed.ok) return void problems.push(...parsed.problems);
  const valid = validateManifest(file, parsed.text, parsed.value, parsed.events);
  if (!valid.ok) return void problems.push(...valid.problems);
  return { file, text: parsed.text, manifest: valid.value, events: parsed.events };
}

function summarise({ file, manifest: { metadata, spec } }: LoadedManifest): UseCaseRow {
  // Strings taken from a manifest are copied: V8 substrings (13 characters and longer, so
  // "internal-copilot" too) would otherwise keep each file's whole text alive with the row.
  return {
    id: copyString(metadata.id),
    file,
    title: copyString(metadata.title),
    domain: copyString(metadata.domain),
    stage: copyString(spec.lifecycle.stage),
    riskTier: copyString(spec.classification.riskTier),
    pattern: copyString(spec.classification.pattern),
    audience: copyString(spec.classification.audience),
    decisionMode: copyString(spec.classification.decisionMode),
    owner: copyString(metadata.owner),
  };
}

/** A new string with the same text, not a view into the file it was parsed from. */
export function copyString(s: string): string {
  return JSON.parse(JSON.stringify(s)) as string;
}

/**
 * A deep copy whose strings are new: V8 substrings would otherwise keep each file's whole text
 * alive for as long as what was taken from it lives.
 */
export function detach<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
