// load → validate → conventions: the manifest half of `coe check`, pure over file contents.
import { checkConventions, type LoadedManifest } from '../manifest/conventions.ts';
import { validateManifest } from '../manifest/validate.ts';
import { compareProblems, type Problem } from '../problem.ts';
import { decodeText, parseYaml } from '../yaml/parse.ts';

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  bytes: Uint8Array;
}

export interface ManifestCheck {
  /** Files that were read. */
  files: number;
  manifests: LoadedManifest[];
  /** Every problem in every file, sorted by file and position. */
  problems: Problem[];
}

export function checkManifests(
  sources: readonly SourceFile[],
  inputProblems: readonly Problem[] = [],
): ManifestCheck {
  const problems: Problem[] = [...inputProblems];
  const manifests: LoadedManifest[] = [];
  for (const { file, bytes } of sources) {
    const decoded = decodeText(file, bytes);
    if (!decoded.ok) {
      problems.push(...decoded.problems);
      continue;
    }
    const parsed = parseYaml(file, decoded.text);
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    const valid = validateManifest(file, parsed.text, parsed.value);
    if (!valid.ok) {
      problems.push(...valid.problems);
      continue;
    }
    manifests.push({ file, text: parsed.text, manifest: valid.manifest });
  }
  problems.push(...checkConventions(manifests));
  return {
    files: sources.length + countFiles(inputProblems),
    manifests,
    problems: problems.sort(compareProblems),
  };
}

function countFiles(problems: readonly Problem[]): number {
  return new Set(problems.map((p) => p.file)).size;
}
