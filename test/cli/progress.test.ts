// A long check or portfolio says how far it got, on a terminal only: one line on stderr rewritten
// in place and cleared before the report, nothing of it in a pipe.
import { execFileSync } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { git } from '../helpers/git.ts';
import { coe, coeOnTerminal, copyPolicies, makeRepo, manifest } from '../helpers/repo.ts';

/** `count` small valid manifests, each its own use case. */
function portfolio(count: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const id = `case-${String(i).padStart(4, '0')}`;
    files[`usecases/claims/${id}.yaml`] = manifest(id);
  }
  const root = makeRepo(files);
  copyPolicies(root);
  return root;
}

// What a terminal shows in place: a carriage return, the text, the rest of the line cleared.
const LINE = (text: string) => `\r${text}\u001b[K`;
const CLEARED = '\r\u001b[K';

describe('progress of a long command', () => {
  test('coe check of 1,000 manifests on a terminal counts them, then clears the line before the report', () => {
    const root = portfolio(1000);
    const r = coeOnTerminal(['check', '--as-of', '2026-11-24'], { cwd: root, input: '' });
    // Each is at intake without its approval recorded: blocked, and counted as people write numbers.
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('1,000 of 1,000 use cases blocked (1,000 failures)');
    expect(r.stdout).toContain('by stage: intake 1,000');
    for (const n of ['250', '500', '750', '1,000'])
      expect(r.stdout).toContain(LINE(`coe check: ${n} of 1,000 manifests`));
    const last = r.stdout.indexOf(LINE('coe check: 1,000 of 1,000 manifests'));
    const cleared = r.stdout.indexOf(CLEARED, last + 1);
    const report = r.stdout.indexOf('usecases/claims/case-0000.yaml');
    expect(cleared).toBeGreaterThan(last);
    expect(report).toBeGreaterThan(cleared);
    // Not on stdout: a report piped on shows none of it.
    const piped = coe(['check', '--as-of', '2026-11-24'], { cwd: root });
    expect(piped.status).toBe(1);
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('of 1,000 manifests');
    expect(piped.stdout).toContain('1,000 of 1,000 use cases blocked');
    const github = coe(['check', '--format', 'github', '--as-of', '2026-11-24'], { cwd: root });
    expect(github.stdout).toContain(
      '::notice title=coe-gate::coe check as of 2026-11-24: 1,000 of 1,000 use case(s) blocked, 1,000 failure(s)',
    );
  });

  test('coe impact counts the manifests it judges by both sets of policies', () => {
    const root = portfolio(1000);
    git(root, 'init', '-q', '-b', 'main');
    git(root, 'add', '-A');
    git(root, 'commit', '-q', '-m', 'portfolio');
    appendFileSync(join(root, 'policies', 'lifecycle.yaml'), '# a proposed change\n');
    const r = coeOnTerminal(['impact', '--base', 'main', '--as-of', '2026-11-24'], { cwd: root, input: '' });
    expect(r.status).toBe(0);
    const last = r.stdout.indexOf(LINE('coe impact: 1,000 of 1,000 manifests'));
    expect(last).toBeGreaterThan(r.stdout.indexOf(LINE('coe impact: 500 of 1,000 manifests')));
    const cleared = r.stdout.indexOf(CLEARED, last + 1);
    expect(cleared).toBeGreaterThan(last);
    // The report after it, its counts grouped as people write them.
    expect(r.stdout.indexOf('0 verdicts change across 0 use cases of 1,000', cleared)).toBeGreaterThan(
      cleared,
    );
  });

  test('coe portfolio counts too; fewer than 1,000 manifests are done before a line would be read', () => {
    const root = portfolio(1000);
    const r = coeOnTerminal(['portfolio', '--as-of', '2026-11-24'], { cwd: root, input: '' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(LINE('coe portfolio: 1,000 of 1,000 manifests'));
    expect(r.stdout.indexOf(CLEARED)).toBeGreaterThan(r.stdout.indexOf('coe portfolio: 250 of 1,000'));
    // The report after it, its counts grouped as people write them: every use case in one domain.
    expect(r.stdout).toContain('Portfolio of 1,000 use cases');
    expect(r.stdout).toMatch(/by domain {4}claims 1,000\r?\n/);

    const small = portfolio(999);
    const check = coeOnTerminal(['check', '--as-of', '2026-11-24'], { cwd: small, input: '' });
    expect(check.status).toBe(1);
    expect(check.stdout).toContain('999 of 999 use cases blocked');
    expect(check.stdout).not.toContain('manifests\u001b[K');
  });
});

/** A repository whose history is `count` commits, each retitling the one use case (git fast-import). */
function longHistory(count: number): string {
  const root = makeRepo();
  git(root, 'init', '-q', '-b', 'main');
  const file = 'usecases/claims/claims-intake-bot.yaml';
  const parts: string[] = [];
  for (let i = 1; i <= count; i++) {
    const text = manifest().replace('title: Claims intake bot', `title: Claims intake bot ${i}`);
    const message = `retitle ${i}`;
    parts.push(
      'commit refs/heads/main',
      `committer Test Author <author@example.com> ${1_760_000_000 + i * 60} +0000`,
      `data ${Buffer.byteLength(message)}`,
      message,
      `M 100644 inline ${file}`,
      `data ${Buffer.byteLength(text)}`,
      text,
      '',
    );
  }
  execFileSync('git', ['fast-import', '--quiet'], { cwd: root, input: parts.join('\n') });
  git(root, 'reset', '-q', '--hard', 'main');
  return root;
}

describe('progress of coe audit', () => {
  test('a history of thousands of commits is counted on a terminal, and the line cleared before the trail', () => {
    const root = longHistory(2500);
    expect(git(root, 'rev-list', '--count', 'HEAD').trim()).toBe('2500');
    const r = coeOnTerminal(['audit', '--as-of', '2026-11-24'], { cwd: root, input: '' });
    const counts = [...r.stdout.matchAll(/coe audit: ([\d,]+) commits read/g)].map((m) => m[1]);
    expect(counts.length).toBeGreaterThan(0);
    for (const n of counts) {
      expect(n).toMatch(/^[12],\d{3}$/);
      expect(r.stdout).toContain(LINE(`coe audit: ${n} commits read`));
    }
    const last = r.stdout.lastIndexOf(' commits read');
    const cleared = r.stdout.indexOf(CLEARED, last);
    expect(cleared).toBeGreaterThan(last);
    expect(r.stdout.indexOf('claims-intake-bot', cleared)).toBeGreaterThan(cleared);
    const piped = coe(['audit', '--as-of', '2026-11-24'], { cwd: root });
    expect(piped.stderr).toBe('');
    expect(piped.stdout).not.toContain('commits read');
  });
});
