// Every use case's title, read by one `git grep` rather than by reading and parsing each manifest:
// what `coe check --base` and the gate need to tell whether a changed use case duplicates one the
// change leaves alone (engine/core/portfolio/duplicates.ts), at a small part of a full check's cost.
import { load } from 'js-yaml';
import { USECASES_DIR } from '../core/manifest/conventions.ts';
import { isManifestPath } from '../fs/read-sources.ts';
import { checkRevision, GitError, gitToFile } from './git.ts';

/**
 * Each manifest's `metadata.title` as its line says it, by path (in path order): undefined where
 * the line is not one plain or quoted scalar (a block scalar, a comment-only value, two title lines)
 * and the title must be read from the whole manifest. `head`: at that commit; else the working
 * tree's tracked files.
 */
export async function useCaseTitles(root: string, head?: string): Promise<Map<string, string | undefined>> {
  // git grep takes no --end-of-options (2.39): checkRevision refuses a name that starts with "-".
  if (head) checkRevision(head, 'the commit judged');
  // The title is metadata's only key written at two spaces named title (spec's keys are sections).
  // A fixed string, not "^  title:": git grep finds it several times faster; lines that hold it
  // further in are dropped below. Options that a user's grep.* settings could change are given.
  const args = [
    'grep',
    '-z',
    '-n',
    '--no-column',
    '--text',
    '--no-color',
    '--no-textconv',
    '-F',
    '-e',
    TITLE_KEY,
  ];
  const grep = await gitToFile(root, [...args, ...(head ? [head] : []), '--', `${USECASES_DIR}/`]);
  // 1: no line matched.
  if (grep.code !== 0 && grep.code !== 1) throw new GitError(`git grep failed: ${grep.stderr.trim()}`);
  const out = grep.stdout;
  const prefix = head ? `${head}:` : '';
  const titles = new Map<string, string | undefined>();
  // "path NUL line-number NUL text" per line, newline-ended.
  for (const line of out.split('\n')) {
    const [path, , text] = line.split('\0');
    if (path === undefined || text === undefined || !text.startsWith(TITLE_KEY)) continue;
    const file = path.startsWith(prefix) ? path.slice(prefix.length) : path;
    if (!isManifestPath(file)) continue;
    titles.set(file, titles.has(file) ? undefined : titleOfLine(text));
  }
  return titles;
}

const TITLE_KEY = '  title:';

/** `  title: …`'s value when it is one line's string scalar; undefined otherwise. */
export function titleOfLine(text: string): string | undefined {
  const value = text.slice(text.indexOf(':') + 1).replace(/\r$/, '');
  // Most titles are plain words, or quoted without escapes: read without a YAML parser.
  const plain = /^ +([A-Za-z][^#:'"]*?) *$/.exec(value);
  if (plain && !/^(true|false|yes|no|on|off|null)$/i.test(plain[1] as string)) return plain[1];
  const quoted = /^ +"([^"\\]+)" *$/.exec(value) ?? /^ +'([^']+)' *$/.exec(value);
  if (quoted) return quoted[1];
  if (/^\s*[|>&*!]/.test(value)) return undefined; // a block scalar, an anchor, an alias or a tag
  try {
    const title = load(value);
    return typeof title === 'string' && title.trim() !== '' ? title : undefined;
  } catch {
    return undefined;
  }
}
