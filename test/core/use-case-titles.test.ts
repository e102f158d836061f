// The titles `coe check --base` reads with one git grep: each line's value read as YAML reads it,
// or left for the whole file to say.
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
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
    });
    const commit = git(root, 'rev-parse', 'HEAD').trim();
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
