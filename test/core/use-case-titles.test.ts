// The titles `coe check --base` reads with one git grep: each line's value read as YAML reads it,
// or left for the whole file to say.
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { isManifestPath } from '../../engine/fs/read-sources.ts';
import { titleOfLine, useCaseTitles } from '../../engine/git/use-case-titles.ts';
import { git, gitRepo, write } from '../helpers/git.ts';
import { manifest } from '../helpers/repo.ts';

describe('titleOfLine', () => {
  it('reads a title as js-yaml reads the same line, or not at all', () => {
    const values = [
      'Claims intake bot',
      'Claims intake bot   ',
      'Claims intake bot # a comment',
      '"Claims: intake bot"',
      "'Claims intake bot'",
      "'It''s the bot'",
      '"Tab\\tescaped"',
      '"Ünïcode tïtle"',
      'Ünïcode tïtle',
      'Claims #1 bot',
      'C++ helper',
      'Yes',
      'null',
      'true',
      '2024',
      '2024-01-01',
      '[a, b]',
      '{a: b}',
      '- item',
      '"unterminated',
      '*alias',
      '&anchor Claims',
      '!!str Tagged',
      '>-',
      '|',
      '',
      '  ',
      'a: b',
      'Claims\r',
    ];
    for (const value of values) {
      const line = `  title: ${value}`;
      let expected: unknown;
      try {
        expected = load(line.slice('  title:'.length).replace(/\r$/, ''));
      } catch {
        expected = undefined;
      }
      const got = titleOfLine(line);
      // Either the same string, or nothing: then the whole manifest is read.
      if (got !== undefined) expect(got, value).toBe(expected);
      if (typeof expected !== 'string' || expected.trim() === '') expect(got, value).toBeUndefined();
    }
    expect(titleOfLine('  title: Claims intake bot')).toBe('Claims intake bot');
    expect(titleOfLine('  title: "Claims: intake bot"')).toBe('Claims: intake bot');
    expect(titleOfLine("  title: 'It''s the bot'")).toBe("It's the bot");
  });
});

describe('useCaseTitles', () => {
  it('one title per manifest, from the working tree or a commit; two title lines or a block scalar left to the file', async () => {
    const root = gitRepo({
      'usecases/claims/a.yaml': manifest('a', 'claims').replace(/^ {2}title: .*$/m, '  title: First'),
      'usecases/claims/b.yaml': manifest('b', 'claims').replace(
        /^ {2}title: .*$/m,
        '  title: >-\n    Folded',
      ),
      'usecases/claims/c.yaml': `${manifest('c', 'claims')}\n  title: again\n`,
      'usecases/claims/notes.txt': '  title: not a manifest\n',
      // Hidden files and folders are never read as manifests.
      'usecases/.drafts/d.yaml': manifest('d', 'claims'),
      'usecases/claims/.e.yaml': manifest('e', 'claims'),
    });
    const commit = git(root, 'rev-parse', 'HEAD').trim();
    // A user's settings change git grep's output; the titles stay the same.
    git(root, 'config', 'grep.column', 'true');
    git(root, 'config', 'grep.patternType', 'perl');
    git(root, 'config', 'color.grep', 'always');
    write(
      root,
      'usecases/claims/a.yaml',
      manifest('a', 'claims').replace(/^ {2}title: .*$/m, '  title: Second'),
    );
    const expected = (a: string) =>
      new Map([
        ['usecases/claims/a.yaml', a],
        ['usecases/claims/b.yaml', undefined],
        ['usecases/claims/c.yaml', undefined],
      ]);
    expect(await useCaseTitles(root)).toEqual(expected('Second'));
    expect(await useCaseTitles(root, commit)).toEqual(expected('First'));
    // No manifest: no title, no error.
    expect(await useCaseTitles(gitRepo({}, { policies: false }))).toEqual(new Map());
    await expect(useCaseTitles(root, '--output=x')).rejects.toThrow(/starts with "-"/);
  });
});

describe('isManifestPath', () => {
  it('a .yaml file under usecases/, in no hidden file or folder', () => {
    for (const yes of ['usecases/claims/a.yaml', 'usecases/a.b/c.yaml', 'usecases/claims/a..yaml'])
      expect(isManifestPath(yes), yes).toBe(true);
    for (const no of [
      'usecases/claims/.a.yaml',
      'usecases/.drafts/a.yaml',
      'usecases/claims/a.yml',
      'policies/a.yaml',
      '.usecases/a.yaml',
      'usecases/claims/a.yaml.txt',
    ])
      expect(isManifestPath(no), no).toBe(false);
  });
});
