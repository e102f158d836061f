// coe check for other CI systems: --format github (workflow commands a runner turns into
// annotations) and --output FILE (the report written to a file, whole or not at all).
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckReport } from '../../engine/core/check/report.ts';
import { githubCommands } from '../../engine/report/github.ts';
import { coe, makeRepo, manifest, REPO_ROOT } from '../helpers/repo.ts';

const AS_OF = ['--as-of', '2026-11-24'];

describe('coe check --format github', () => {
  it('annotates each finding on its line by level, and ends with a summary notice', () => {
    const r = coe(['check', '--format', 'github', '--as-of', '2099-01-01'], { cwd: REPO_ROOT });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice) [^\n]*::/.test(l))).toBe(true);
    // The waiver of subrogation-recovery-agent has expired by then: its finding blocks, an error.
    expect(r.stdout).toMatch(
      /^::error file=usecases\/claims\/subrogation-recovery-agent\.yaml,line=\d+,col=\d+,title=release-gates\.adversarial-testing \(soft\)::.+%0AFix: .+$/m,
    );
    // Old evaluation evidence is advisory: a notice.
    expect(r.stdout).toMatch(
      /^::notice file=[^,]+,line=\d+,col=\d+,title=release-gates\.evaluation-current \(advisory\)::/m,
    );
    // By then the review date of each of the ten sample use cases that set one has passed too.
    const reviews = lines.filter((l) => /^::error [^:]*title=lifecycle\.review-date /.test(l));
    expect(reviews).toHaveLength(10);
    expect(lines.at(-1)).toMatch(
      /^::notice title=coe-gate::coe check as of 2099-01-01: 10 of 20 use case\(s\) blocked, 11 failure\(s\), /,
    );
    expect(r.status).toBe(1);
  });

  it('escapes what a file carries, so no value ends the command or starts another', () => {
    const root = makeRepo({
      'usecases/claims/bad,name.yaml': manifest(),
      'usecases/claims/claims-intake-bot.yaml': manifest().replace(
        '    stage: intake',
        '    stage: "in%take\\n::error file=x::forged"',
      ),
    });
    const r = coe(['check', '--format', 'github'], { cwd: root });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(lines.length - 1);
    expect(r.stdout).toMatch(
      /^::error file=usecases\/claims\/bad%2Cname\.yaml,line=5,col=7,title=coe-gate%3A id-file-mismatch::metadata\.id: /m,
    );
    expect(r.stdout).toContain('"in%25take\\n::error file=x::forged" is not allowed');
    expect(r.stdout).not.toMatch(/^::error file=x::/m);
    expect(r.status).toBe(2);
  });
});

describe('coe check --output FILE', () => {
  it('writes exactly what stdout would get, in every format, and keeps the exit code', () => {
    const out = makeRepo();
    for (const format of ['text', 'json', 'markdown', 'sarif', 'github']) {
      const file = join(out, `report.${format}`);
      const toFile = coe(['check', '--format', format, '--output', file, ...AS_OF], { cwd: REPO_ROOT });
      const toStdout = coe(['check', '--format', format, ...AS_OF], { cwd: REPO_ROOT });
      expect(toFile.stdout, format).toBe('');
      expect(readFileSync(file, 'utf8'), format).toBe(toStdout.stdout);
      expect(toFile.status, format).toBe(toStdout.status);
    }
    // Written beside its target and renamed into place: nothing partial is left.
    expect(readdirSync(out).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('exits 2 with one line when the file cannot be written, and creates nothing', () => {
    const out = makeRepo();
    const file = join(out, 'missing-folder', 'report.json');
    const r = coe(['check', '--format', 'json', '--output', file, ...AS_OF], { cwd: REPO_ROOT });
    expect(r.stderr).toBe(`coe: --output ${file}: cannot write there (ENOENT)\n`);
    expect(r.status).toBe(2);
    expect(existsSync(join(out, 'missing-folder'))).toBe(false);
    // A folder where the file should go: refused once the report is made, and no partial file left.
    mkdirSync(join(out, 'report.json'));
    const folder = coe(['check', '--format', 'json', '--output', join(out, 'report.json'), ...AS_OF], {
      cwd: REPO_ROOT,
    });
    expect(folder.stderr).toBe(`coe: --output ${join(out, 'report.json')}: cannot write there (EISDIR)\n`);
    expect(folder.status).toBe(2);
    expect(readdirSync(out)).toEqual(['report.json', 'usecases']);
  });
});

describe('coe check --quiet', () => {
  it('shows the failures and the verdict only, in text and as workflow commands', () => {
    const full = coe(['check', '--as-of', '2099-01-01'], { cwd: REPO_ROOT });
    const quiet = coe(['check', '--quiet', '--as-of', '2099-01-01'], { cwd: REPO_ROOT });
    expect(quiet.status).toBe(full.status);
    expect(full.stdout).toMatch(/ advisory +release-gates\.evaluation-current /);
    expect(full.stdout).toMatch(/^id +stage +tier/m);
    expect(quiet.stdout).toBe(
      [
        ...full.stdout
          .split('\n')
          .filter((l, i, all) => / soft | hard /.test(l) || / soft | hard /.test(all[i - 1] ?? '')),
        '',
        ...full.stdout.trimEnd().split('\n').slice(-2),
        '',
      ].join('\n'),
    );
    const github = coe(['check', '--format', 'github', '--quiet', '--as-of', '2099-01-01'], {
      cwd: REPO_ROOT,
    });
    const lines = github.stdout.trimEnd().split('\n');
    expect(lines.filter((l) => l.startsWith('::notice file='))).toEqual([]);
    // The expired waiver and the ten past review dates.
    expect(lines.filter((l) => l.startsWith('::error '))).toHaveLength(11);
    expect(lines.at(-1)).toMatch(/^::notice title=coe-gate::/);
  });

  it('refuses the formats that are always complete', () => {
    const r = coe(['check', '--quiet', '--format', 'json'], { cwd: REPO_ROOT });
    expect(r.stderr).toBe('coe: --quiet goes with --format text or github; json is always complete\n');
    expect(r.status).toBe(2);
  });
});

describe('githubCommands', () => {
  it('escapes a line break, a percent sign and the property separators', () => {
    const finding = {
      rule: 'release-gates.io-defined',
      title: 't',
      level: 'hard',
      outcome: 'fail',
      blocking: true,
      message: 'line one\r\n::error file=x::forged 100%',
      remediation: 'do it',
      path: '',
      line: 3,
      column: 0,
    } as const;
    const report = {
      exitCode: 1,
      asOf: '2026-11-24',
      problems: [],
      summary: { blocked: 1, failures: 1, advisories: 0, waived: 0, problems: 0, filesWithProblems: 0 },
      useCases: [{ file: 'usecases/a,b/c:d.yaml', findings: [finding] }],
    } as unknown as CheckReport;
    const [first] = githubCommands(report);
    expect(first).toBe(
      '::error file=usecases/a%2Cb/c%3Ad.yaml,line=3,col=1,title=release-gates.io-defined (hard)::line one%0D%0A::error file=x::forged 100%25%0AFix: do it\n',
    );
  });
});
