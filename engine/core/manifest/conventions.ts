// Repository conventions: usecases/<domain>/<id>.yaml, ids unique across the repository.
import { type Problem, problem } from '../problem.ts';
import { Locator } from '../yaml/locate.ts';
import type { UseCase } from './usecase.gen.ts';

export const USECASES_DIR = 'usecases';
export const MANIFEST_EXTENSION = '.yaml';

export interface LoadedManifest {
  file: string;
  text: string;
  manifest: UseCase;
}

/** Checks that each file sits where its id and domain say, and that no id is used twice. */
export function checkConventions(loaded: readonly LoadedManifest[]): Problem[] {
  const problems: Problem[] = [];
  const byId = new Map<string, LoadedManifest[]>();
  for (const m of loaded) {
    const { id, domain } = m.manifest.metadata;
    const parts = m.file.split('/');
    const fileId = (parts.at(-1) ?? '').slice(0, -MANIFEST_EXTENSION.length);
    const folder = parts.length === 3 && parts[0] === USECASES_DIR ? parts[1] : undefined;
    if (id !== fileId) {
      problems.push(
        problem(
          m.file,
          'id-file-mismatch',
          `id "${id}" does not match the file name; rename the file to ${id}${MANIFEST_EXTENSION} or set id: ${fileId}`,
          at(m, ['metadata', 'id']),
        ),
      );
    }
    if (folder === undefined) {
      problems.push(
        problem(
          m.file,
          'domain-folder-mismatch',
          `manifests live at ${USECASES_DIR}/<domain>/<id>${MANIFEST_EXTENSION}; move this file to ${USECASES_DIR}/${domain}/${fileId}${MANIFEST_EXTENSION}`,
          at(m, ['metadata', 'domain']),
        ),
      );
    } else if (folder !== domain) {
      problems.push(
        problem(
          m.file,
          'domain-folder-mismatch',
          `domain "${domain}" does not match the folder "${folder}"; move the file to ${USECASES_DIR}/${domain}/ or set domain: ${folder}`,
          at(m, ['metadata', 'domain']),
        ),
      );
    }
    byId.set(id, [...(byId.get(id) ?? []), m]);
  }
  for (const [id, same] of byId) {
    if (same.length < 2) continue;
    for (const m of same) {
      const others = same.filter((o) => o !== m).map((o) => o.file);
      problems.push(
        problem(
          m.file,
          'id-duplicate',
          `id "${id}" is also used by ${others.join(', ')}; ids must be unique across the repository`,
          at(m, ['metadata', 'id']),
        ),
      );
    }
  }
  return problems;
}

function at(m: LoadedManifest, path: string[]) {
  return { ...new Locator(m.text).locate(path), path: path.join('.') };
}
