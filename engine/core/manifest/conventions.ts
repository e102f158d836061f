// Repository conventions: usecases/<domain>/<id>.yaml, ids unique across the repository.

import { type Problem, problem } from '../problem.ts';
import type { LoadedManifest, SourceFile } from '../source.ts';
import { Locator } from '../yaml/locate.ts';

export const USECASES_DIR = 'usecases';
export const MANIFEST_EXTENSION = '.yaml';

/** A manifest as parsed, valid or not: what the checks that do not need a valid one read. */
export type ManifestDocument = Pick<LoadedManifest, 'file' | 'text' | 'events'> & { manifest: unknown };

/**
 * Checks that a file sits where its id and domain say. A manifest that is not valid is checked
 * too, so one run reports both; an id or domain that is absent or itself invalid (a problem
 * already names it: `invalid`, the paths of the file's schema problems) is not compared.
 */
export function checkFileLocation(m: ManifestDocument, invalid: ReadonlySet<string> = new Set()): Problem[] {
  const problems: Problem[] = [];
  const metadata = (m.manifest as { metadata?: unknown }).metadata;
  const field = (name: 'id' | 'domain') => {
    const value =
      metadata !== null && typeof metadata === 'object'
        ? (metadata as Record<string, unknown>)[name]
        : undefined;
    return typeof value === 'string' && !invalid.has(`metadata.${name}`) ? value : undefined;
  };
  const id = field('id');
  const domain = field('domain');
  const parts = m.file.split('/');
  const fileId = (parts.at(-1) ?? '').slice(0, -MANIFEST_EXTENSION.length);
  const folder = parts.length === 3 && parts[0] === USECASES_DIR ? parts[1] : undefined;
  const at = (path: string[]) => ({ ...new Locator(m.text, m.events).span(path), path: path.join('.') });
  if (id !== undefined && id !== fileId) {
    problems.push(
      problem(
        m.file,
        'id-file-mismatch',
        `id "${id}" does not match the file name; rename the file to ${id}${MANIFEST_EXTENSION} or set id: ${fileId}`,
        at(['metadata', 'id']),
      ),
    );
  }
  if (folder === undefined) {
    problems.push(
      problem(
        m.file,
        'domain-folder-mismatch',
        `manifests live at ${USECASES_DIR}/<domain>/<id>${MANIFEST_EXTENSION}; move this file to ${USECASES_DIR}/${domain ?? '<domain>'}/${fileId}${MANIFEST_EXTENSION}`,
        at(['metadata', 'domain']),
      ),
    );
  } else if (domain !== undefined && folder !== domain) {
    problems.push(
      problem(
        m.file,
        'domain-folder-mismatch',
        `domain "${domain}" does not match the folder "${folder}"; move the file to ${USECASES_DIR}/${domain}/ or set domain: ${folder}`,
        at(['metadata', 'domain']),
      ),
    );
  }
  return problems;
}

/** Collects ids as files stream past; only files that share an id are read again, to place the error. */
export class DuplicateIds {
  /** One source per id, a list only for an id seen twice (there are 50,000 of the first kind). */
  private readonly byId = new Map<string, SourceFile | SourceFile[]>();

  add(id: string, source: SourceFile): void {
    const same = this.byId.get(id);
    if (same === undefined) this.byId.set(id, source);
    else if (Array.isArray(same)) same.push(source);
    else this.byId.set(id, [same, source]);
  }

  problems(): Problem[] {
    const problems: Problem[] = [];
    for (const [id, same] of this.byId) {
      if (!Array.isArray(same)) continue;
      for (const source of same) {
        const others = same.filter((o) => o !== source).map((o) => o.file);
        const text = new TextDecoder().decode(source.read());
        problems.push(
          problem(
            source.file,
            'id-duplicate',
            `id "${id}" is also used by ${others.join(', ')}; ids must be unique across the repository`,
            { ...new Locator(text).span(['metadata', 'id']), path: 'metadata.id' },
          ),
        );
      }
    }
    return problems;
  }
}
