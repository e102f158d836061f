// The approval loop in one pass, as a proposer lives it: `coe check --base` names the approvals
// the change needs and gives the lines to add; pasted as told, they are valid and record them.
// The same lines are in every format, and `--format markdown` is the comment the gate will post,
// marked as a preview. The real CLI as a process, on a real repository.
import { spawnSync } from 'node:child_process';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, test } from 'vitest';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { COE_BIN, coe, manifest, REPO_ROOT, roleHolders } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const AS_OF = '2026-11-24';
const check = (root: string, ...format: string[]) =>
  coe(['check', '--base', 'main', '--as-of', AS_OF, ...format], { cwd: root });

interface Preview {
  approvals: {
    id: string;
    roles: { role: string; suggested?: string; recorded?: string }[];
    toRecord: { under: string; lines: string[]; toReplace: string[] } | null;
  }[];
}
const preview = (root: string): Preview => JSON.parse(check(root, '--format', 'json').stdout);

/** Pastes the lines at the end of the manifest (where the lifecycle section ends), PR replaced. */
function paste(root: string, lines: readonly string[], pr: number): void {
  appendFileSync(join(root, F), `${lines.map((l) => l.replace('pr: PR', `pr: ${pr}`)).join('\n')}\n`);
}

/** A repository whose branch `propose` adds the test manifest (intake, no approvals yet) to main. */
function proposed(): string {
  const root = gitRepo({});
  git(root, 'checkout', '-q', '-b', 'propose');
  write(root, F, manifest());
  commitAll(root, 'propose');
  return root;
}

describe('the approval loop', () => {
  test('a new proposal without approvals: gets the approvals key with its records; pasted as told, they count', () => {
    const root = proposed();

    const before = preview(root);
    const [u] = before.approvals;
    expect(u?.toRecord?.under).toBe('spec.lifecycle');
    expect(u?.toRecord?.toReplace).toEqual(['PR']);
    expect(u?.toRecord?.lines[0]).toBe('    approvals:');
    // One line per role the RACI asks for, each naming a holder of it from the registry.
    const roles = u?.roles.map((r) => r.role) ?? [];
    expect(roles.length).toBeGreaterThan(0);
    const items = u?.toRecord?.lines.slice(1) ?? [];
    expect(items).toHaveLength(roles.length);
    for (const [i, role] of roles.entries()) {
      const record = (load(items[i]?.trim().slice(2) ?? '') ?? {}) as Record<string, unknown>;
      expect(record).toMatchObject({ stage: 'intake', role, date: AS_OF, pr: 'PR' });
      expect(roleHolders(root, role)).toContain(record.login);
      // The login in the form the manifest takes, quoted: in YAML a value cannot start with @.
      expect(items[i]).toMatch(/, login: "@[\w-]+", /);
    }
    expect(new Set(items).size).toBe(items.length);

    // The text and the comment preview carry the same lines, and the verdict says what is missing.
    const text = check(root);
    expect(text.status).toBe(1);
    for (const l of u?.toRecord?.lines ?? []) expect(text.stdout.split('\n')).toContain(l);
    expect(text.stdout).toMatch(/^claims-intake-bot .* awaiting approvals$/m);
    const markdown = check(root, '--format', 'markdown').stdout;
    expect(markdown).toContain('not yet verified');
    expect(markdown).toContain(`\`\`\`yaml\n${u?.toRecord?.lines.join('\n')}\n\`\`\``);
    expect(markdown).toMatch(/\| ⏳ awaiting approvals \|/);

    paste(root, u?.toRecord?.lines ?? [], 12);
    expect(load(readFileSync(join(root, F), 'utf8'))).toBeTruthy();
    const after = check(root);
    expect(after.stdout, after.stderr).not.toContain('lifecycle.approvals-recorded');
    expect(after.stdout).toMatch(/^claims-intake-bot .* pass$/m);
    expect(after.status).toBe(0);
    const recorded = preview(root).approvals[0];
    expect(recorded?.toRecord).toBeNull();
    expect(recorded?.roles.every((r) => r.recorded !== undefined)).toBe(true);
  });

  test('a manifest with approvals already: the records go at the end of the list, and the loop closes the same way', () => {
    const root = proposed();
    paste(root, preview(root).approvals[0]?.toRecord?.lines ?? [], 12);
    commitAll(root, 'intake recorded');
    git(root, 'checkout', '-q', 'main');
    git(root, 'merge', '-q', '--ff-only', 'propose');
    git(root, 'checkout', '-q', '-b', 'advance');
    write(root, F, readFileSync(join(root, F), 'utf8').replace('stage: intake\n', 'stage: discovery\n'));
    commitAll(root, 'advance');

    const [u] = preview(root).approvals;
    expect(u?.toRecord?.under).toBe('spec.lifecycle.approvals');
    expect(u?.toRecord?.lines.every((l) => l.startsWith('      - { stage: discovery, '))).toBe(true);
    const markdown = check(root, '--format', 'markdown').stdout;
    expect(markdown).toContain('at the end of `spec.lifecycle.approvals`');

    paste(root, u?.toRecord?.lines ?? [], 13);
    const after = preview(root).approvals[0];
    expect(after?.toRecord).toBeNull();
    expect(check(root).stdout).not.toContain('lifecycle.approvals-recorded');
  });
});

describe('on a terminal', () => {
  test('prose wraps at its width; the lines to paste stay whole; piped, nothing wraps', () => {
    const root = proposed();
    const lines: string[] = preview(root).approvals[0]?.toRecord?.lines ?? [];
    const command = [process.execPath, COE_BIN, 'check', '--base', 'main', '--as-of', AS_OF]
      .map((a) => JSON.stringify(a))
      .join(' ');
    const r = spawnSync('script', ['-qec', `stty cols 60; ${command}`, '/dev/null'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' },
    });
    const screen = r.stdout.replace(/\r\n/g, '\n').split('\n');
    for (const l of lines) expect(screen).toContain(l);
    // Everything else fits, the use-case table included, but a single word longer than a line.
    const prose = screen.filter((l) => !lines.includes(l));
    expect(prose.filter((l) => [...l].length > 60 && l.trim().includes(' '))).toEqual([]);
    expect(prose.some((l) => l.startsWith('    ') && !l.startsWith('    fix'))).toBe(true);
    const piped = check(root);
    expect(piped.stdout.split('\n').some((l) => l.length > 60)).toBe(true);
  });

  test('the whole sample fits 80 columns: the table drops columns, then lists each use case', () => {
    const screenAt = (cols: number) =>
      spawnSync(
        'script',
        [
          '-qec',
          `stty cols ${cols}; ${[process.execPath, COE_BIN, 'check', '--as-of', AS_OF].map((a) => JSON.stringify(a)).join(' ')}`,
          '/dev/null',
        ],
        { cwd: REPO_ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' } },
      )
        .stdout.replace(/\r\n/g, '\n')
        .split('\n');
    const narrow = screenAt(80);
    expect(narrow.filter((l) => [...l].length > 80 && l.trim().includes(' '))).toEqual([]);
    expect(narrow).toContain('fnol-triage-assistant');
    expect(narrow.some((l) => /^ {4}stage production · tier high/.test(l))).toBe(true);
    // Wide enough, the table keeps every column.
    expect(screenAt(200).some((l) => /^id +stage +tier +pattern +audience +verdict$/.test(l))).toBe(true);
  });

  test('every text report fits 80 columns on a terminal, and stays whole when piped', () => {
    for (const args of [
      ['portfolio', '--as-of', AS_OF],
      ['explain', 'fnol-triage-assistant', '--as-of', AS_OF],
      ['audit', 'fnol-triage-assistant', '--as-of', AS_OF],
      ['coverage', '--framework', 'us-omb'],
      ['test'],
    ]) {
      const command = [process.execPath, COE_BIN, ...args].map((a) => JSON.stringify(a));
      const run = (cmd: string) =>
        spawnSync('script', ['-qec', cmd, '/dev/null'], {
          cwd: REPO_ROOT,
          encoding: 'utf8',
          env: { ...process.env, NO_COLOR: '1', TERM: 'xterm-256color' },
        }).stdout.replace(/\r\n/g, '\n');
      const screen = run(`stty cols 80; ${command.join(' ')}`).split('\n');
      expect(screen.length, args.join(' ')).toBeGreaterThan(3);
      expect(
        screen.filter((l) => [...l].length > 80 && l.trim().includes(' ')),
        args.join(' '),
      ).toEqual([]);
    }
    const piped = coe(['portfolio', '--as-of', AS_OF], { cwd: REPO_ROOT });
    expect(piped.stdout.split('\n').some((l) => [...l].length > 80)).toBe(true);
  });

  test('with no person to name (the role held by a team), the line says "@LOGIN"; replaced and pasted, it validates', () => {
    const root = gitRepo({});
    write(
      root,
      'policies/registries/roles.yaml',
      readFileSync(join(root, 'policies/registries/roles.yaml'), 'utf8').replace(
        'members: ["@bchen", "@fvogel"]',
        'members: ["@acme/coe-maintainers"]',
      ),
    );
    commitAll(root, 'the maintainers are a team');
    git(root, 'checkout', '-q', '-b', 'propose');
    write(root, F, manifest());
    commitAll(root, 'propose');
    const [u] = preview(root).approvals;
    expect(u?.toRecord?.toReplace).toEqual(['LOGIN', 'PR']);
    expect(u?.toRecord?.lines).toContain(
      `      - { stage: intake, role: coe-maintainer, login: "@LOGIN", date: ${AS_OF}, pr: PR }`,
    );
    expect(check(root, '--format', 'markdown').stdout).toContain(
      'Replace `LOGIN` and `PR` with the login of whoever approves (keep the @ and the quotes)',
    );
    paste(
      root,
      (u?.toRecord?.lines ?? []).map((l) => l.replace('LOGIN', 'bchen')),
      12,
    );
    const teams = join(root, 'teams.json');
    write(
      root,
      'teams.json',
      JSON.stringify({
        apiVersion: 'coe-gate/v1',
        kind: 'TeamMembership',
        readAt: '2026-11-24T05:00:00Z',
        teams: { '@acme/coe-maintainers': ['@bchen'] },
      }),
    );
    const after = coe(['check', '--base', 'main', '--as-of', AS_OF, '--teams', teams], { cwd: root });
    expect(after.stderr).toBe('');
    expect(after.stdout).toMatch(/^claims-intake-bot .* pass$/m);
    expect(after.status).toBe(0);
  });
});
