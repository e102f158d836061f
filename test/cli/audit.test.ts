// coe audit over a real history: squash and merge commits, a direct push, an edited approval, a
// move to another domain, a deleted manifest, a stage change without approvals, an expired waiver.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_FLAG_CODES } from '../../engine/core/audit/flags.ts';
import { addAnnotationKeywords } from '../../engine/core/schema/compile.ts';
import { auditHistory, BOT, BOT_MOVED, LEGACY, PUSHER } from '../helpers/audit-history.ts';
import { commitAt, git, write } from '../helpers/git.ts';
import { coe, manifest, REPO_ROOT } from '../helpers/repo.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;
const schema = JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/audit.schema.json'), 'utf8'));
const AS_OF = '2026-07-01';

let root: string;
let sha: string[];
/** Short sha of the n-th commit on main (auditHistory's list). */
const s = (n: number) => (sha[n] as string).slice(0, 7);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'coe-audit-'));
  mkdirSync(join(root, 'usecases'));
  sha = auditHistory(root).shas;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const audit = (...args: string[]) => coe(['audit', '--as-of', AS_OF, ...args], { cwd: root });

describe('coe audit', () => {
  it('lists every change of every use case with its flags, and exits 1', () => {
    const r = audit();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(
      [
        `claims-intake-bot  underwriting  ${BOT_MOVED}  (now prototype, tier medium)`,
        `  2026-01-10  ${s(1)}  #12  Ana Proposer  added  stage — → intake  tier — → medium  policies ${s(0)}`,
        '      + approval intake coe-maintainer @bchen (#12, 2026-01-09)',
        `  2026-02-01  ${s(2)}  #13  Mia Merger  modified  stage intake → discovery  tier medium → medium  policies ${s(0)}`,
        '      + approval discovery coe-lead @mtanaka (#13, 2026-01-30)',
        '      + approval discovery domain-champion @jbaptiste (#13, 2026-01-30)',
        `  2026-02-15  ${s(3)}  no PR  ${PUSHER}  modified  stage discovery → discovery  tier medium → medium  policies ${s(0)}`,
        `      ! no-pull-request: commit ${s(3)} names no pull request in its message`,
        `  2026-03-01  ${s(4)}  #14  Ana Proposer  modified  stage discovery → discovery  tier medium → medium  policies ${s(0)}`,
        '      ~ approval edited: intake coe-maintainer @bchen (#12, 2026-01-09) → intake coe-maintainer @fvogel (#12, 2026-01-09)',
        '      ! record-edited-after-merge: approval of intake by coe-maintainer @bchen (pull request #12, 2026-01-09) was edited',
        `  2026-03-10  ${s(5)}  #15  Ana Proposer  renamed from ${BOT}  stage discovery → discovery  tier medium → medium  policies ${s(0)}`,
        `  2026-04-10  ${s(7)}  #17  Ana Proposer  modified  stage discovery → prototype  tier medium → medium  policies ${s(6)}`,
        '      ! stage-change-without-approvals: entering prototype at tier medium needs approval by product-lead, privacy-lead in pull request #17; none recorded',
        `  2026-04-20  ${s(8)}  #18  Ana Proposer  modified  stage prototype → prototype  tier medium → medium  policies ${s(6)}`,
        '      + waiver lifecycle.owner-team at prototype by @mtanaka, expires 2026-05-01 (#18, 2026-04-20)',
        `  2026-06-01  ${s(9)}  #19  Ana Proposer  modified  stage prototype → prototype  tier medium → medium  policies ${s(6)}`,
        '      ! waiver-expired-in-stage: waiver of lifecycle.owner-team for prototype expired on 2026-05-01 and the use case was still at prototype on 2026-06-01',
        '  2026-07-01  current state',
        '      ! waiver-expired-in-stage: waiver of lifecycle.owner-team for prototype expired on 2026-05-01 and the use case was still at prototype on 2026-07-01',
        '',
        `legacy-helpdesk-bot  it  ${LEGACY}  (manifest deleted)`,
        `  2026-01-10  ${s(1)}  #12  Ana Proposer  added  stage — → intake  tier — → medium  policies ${s(0)}`,
        '      + approval intake coe-maintainer @fvogel (#12, 2026-01-09)',
        `  2026-04-01  ${s(6)}  #16  Bea Chen  deleted  stage intake → —  tier medium → —  policies ${s(6)}`,
        `      ! manifest-deleted: ${LEGACY} was deleted at stage intake`,
        '',
        '2 use cases, 10 changes; 6 flags (stage-change-without-approvals 1, record-edited-after-merge 1, no-pull-request 1, manifest-deleted 1, waiver-expired-in-stage 2)',
        '',
      ].join('\n'),
    );
  });

  it('prints JSON that matches engine/schema/audit.schema.json, with the same rows', () => {
    const r = audit('--format', 'json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    // Printed a use case at a time, laid out as JSON.stringify would lay out the whole.
    expect(r.stdout).toBe(`${JSON.stringify(report, null, 2)}\n`);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    addFormats(ajv);
    addAnnotationKeywords(ajv);
    ajv.addSchema(JSON.parse(readFileSync(join(REPO_ROOT, 'engine/schema/usecase.schema.json'), 'utf8')));
    const validate = ajv.compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(schema.$defs.flag.properties.code.enum).toEqual(AUDIT_FLAG_CODES);
    expect(report.ref).toBe('HEAD');
    expect(report.asOf).toBe(AS_OF);
    expect(report.since).toBe(null);
    expect(report.summary).toEqual({
      useCases: 2,
      changes: 10,
      flags: {
        'stage-change-without-approvals': 1,
        'record-edited-after-merge': 1,
        'no-pull-request': 1,
        'manifest-deleted': 1,
        'waiver-expired-in-stage': 2,
      },
    });
    const [bot, legacy] = report.useCases;
    expect(bot).toMatchObject({
      id: 'claims-intake-bot',
      domain: 'underwriting',
      file: BOT_MOVED,
      removed: false,
      stage: 'prototype',
      tier: 'medium',
    });
    expect(bot.changes.map((c: { commit: string }) => c.commit)).toEqual([1, 2, 3, 4, 5, 7, 8, 9].map(s));
    expect(bot.changes[0]).toEqual({
      commit: s(1),
      sha: sha[1],
      date: '2026-01-10',
      author: 'Ana Proposer',
      pullRequest: 12,
      change: 'added',
      file: BOT,
      previousFile: null,
      stage: { before: null, after: 'intake' },
      tier: { before: null, after: 'medium' },
      approvalsAdded: [
        { stage: 'intake', role: 'coe-maintainer', login: '@bchen', date: '2026-01-09', pr: 12 },
      ],
      waiversAdded: [],
      recordsChanged: [],
      policyCommit: s(0),
      flags: [],
    });
    expect(bot.changes[1]).toMatchObject({
      pullRequest: 13,
      author: 'Mia Merger',
      stage: { before: 'intake', after: 'discovery' },
    });
    expect(bot.changes[2]).toMatchObject({ pullRequest: null, flags: [{ code: 'no-pull-request' }] });
    expect(bot.changes[3].recordsChanged).toEqual([
      {
        kind: 'approval',
        change: 'edited',
        before: { stage: 'intake', role: 'coe-maintainer', login: '@bchen', date: '2026-01-09', pr: 12 },
        after: { stage: 'intake', role: 'coe-maintainer', login: '@fvogel', date: '2026-01-09', pr: 12 },
      },
    ]);
    expect(bot.changes[4]).toMatchObject({
      change: 'renamed',
      file: BOT_MOVED,
      previousFile: BOT,
      flags: [],
    });
    expect(bot.changes[5]).toMatchObject({
      policyCommit: s(6),
      flags: [{ code: 'stage-change-without-approvals' }],
    });
    expect(bot.flags).toEqual([
      {
        code: 'waiver-expired-in-stage',
        message:
          'waiver of lifecycle.owner-team for prototype expired on 2026-05-01 and the use case was still at prototype on 2026-07-01',
      },
    ]);
    expect(legacy).toMatchObject({
      id: 'legacy-helpdesk-bot',
      removed: true,
      stage: null,
      tier: null,
      flags: [],
    });
    expect(legacy.changes[1]).toMatchObject({
      commit: s(6),
      change: 'deleted',
      stage: { before: 'intake', after: null },
      flags: [{ code: 'manifest-deleted', message: `${LEGACY} was deleted at stage intake` }],
    });
  });

  it('prints CSV a spreadsheet opens as it is: a header, RFC 4180 quoting, formulas guarded', () => {
    const r = audit('--format', 'csv');
    expect(r.status).toBe(1);
    expect(r.stdout.endsWith('\r\n')).toBe(true);
    const rows: Record<string, string>[] = parse(r.stdout, { columns: true });
    expect(rows.map((x) => [x.id, x.date, x.commit, x.change, x.flags])).toEqual([
      ['claims-intake-bot', '2026-01-10', s(1), 'added', ''],
      ['claims-intake-bot', '2026-02-01', s(2), 'modified', ''],
      ['claims-intake-bot', '2026-02-15', s(3), 'modified', 'no-pull-request'],
      ['claims-intake-bot', '2026-03-01', s(4), 'modified', 'record-edited-after-merge'],
      ['claims-intake-bot', '2026-03-10', s(5), 'renamed', ''],
      ['claims-intake-bot', '2026-04-10', s(7), 'modified', 'stage-change-without-approvals'],
      ['claims-intake-bot', '2026-04-20', s(8), 'modified', ''],
      ['claims-intake-bot', '2026-06-01', s(9), 'modified', 'waiver-expired-in-stage'],
      ['claims-intake-bot', AS_OF, '', 'current-state', 'waiver-expired-in-stage'],
      ['legacy-helpdesk-bot', '2026-01-10', s(1), 'added', ''],
      ['legacy-helpdesk-bot', '2026-04-01', s(6), 'deleted', 'manifest-deleted'],
    ]);
    expect(rows[0]).toEqual({
      id: 'claims-intake-bot',
      domain: 'underwriting',
      date: '2026-01-10',
      commit: s(1),
      sha: sha[1],
      author: 'Ana Proposer',
      pull_request: '12',
      change: 'added',
      file: BOT,
      previous_file: '',
      stage_before: '',
      stage_after: 'intake',
      tier_before: '',
      tier_after: 'medium',
      approvals_added: 'intake coe-maintainer @bchen (#12, 2026-01-09)',
      waivers_added: '',
      records_changed: '',
      policy_commit: s(0),
      flags: '',
      flag_messages: '',
    });
    // The pusher's name starts with "=": shown as text, its quotes doubled in the file.
    expect(rows[2]?.author).toBe(`'${PUSHER}`);
    expect(r.stdout).toContain(`,"'=HYPERLINK(""x"",""Dee"")",`);
    expect(rows[4]?.previous_file).toBe(BOT);
    expect(rows[6]?.waivers_added).toBe(
      'lifecycle.owner-team at prototype by @mtanaka, expires 2026-05-01 (#18, 2026-04-20)',
    );
  });

  it('keeps the use cases named and the changes since a date; the state before it still counts', () => {
    const r = audit('claims-intake-bot', '--since', '2026-04-10', '--format', 'json');
    expect(r.status).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report.since).toBe('2026-04-10');
    expect(report.useCases.map((u: { id: string }) => u.id)).toEqual(['claims-intake-bot']);
    expect(report.useCases[0].changes.map((c: { date: string; stage: object }) => [c.date, c.stage])).toEqual(
      [
        ['2026-04-10', { before: 'discovery', after: 'prototype' }],
        ['2026-04-20', { before: 'prototype', after: 'prototype' }],
        ['2026-06-01', { before: 'prototype', after: 'prototype' }],
      ],
    );
    // Before the waiver expired, and only up to the commit before the prototype: no flag, exit 0.
    const early = coe(['audit', 'legacy-helpdesk-bot', '--ref', sha[2] as string, '--as-of', AS_OF], {
      cwd: root,
    });
    expect(early.stderr).toBe('');
    expect(early.stdout).toContain('1 use case, 1 change; no flags');
    expect(early.status).toBe(0);
  });

  it('exits 2 with one line for an unknown id, a bad date, an unknown ref or a folder outside git', () => {
    const one = (args: string[], cwd = root) => {
      const r = coe(['audit', '--as-of', AS_OF, ...args], { cwd });
      return [r.status, r.stdout, r.stderr];
    };
    expect(one(['no-such-bot'])).toEqual([
      2,
      '',
      'coe: no use case no-such-bot in the history of HEAD (ids are metadata.id)\n',
    ]);
    expect(one(['--since', '2026-13-45'])).toEqual([
      2,
      '',
      'coe: --since 2026-13-45: there is no such day; write a date that exists, e.g. 2026-03-31\n',
    ]);
    expect(one(['--ref', 'nope'])).toEqual([2, '', 'coe: --ref nope: no such branch, tag or commit\n']);
    expect(one(['--ref', '--output=x'])[0]).toBe(2);
    const plain = mkdtempSync(join(tmpdir(), 'coe-audit-plain-'));
    try {
      write(plain, 'usecases/claims/claims-intake-bot.yaml', manifest());
      const r = one([], plain);
      expect(r[0]).toBe(2);
      expect(r[2]).toBe(`coe: ${plain} is not a git repository; coe audit reads its history\n`);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });

  it('has help with its options, examples and exit codes, and is listed by coe --help', () => {
    const h = coe(['audit', '--help'], { cwd: REPO_ROOT });
    expect(h.status).toBe(0);
    expect(h.stdout).toMatch(/^Usage: coe audit \[options\] \[ids\.\.\.\]/);
    expect(h.stdout).toMatch(
      /--format <format>\s+output format \(choices: "text", "json", "csv",\s+default: "text"\)/,
    );
    expect(h.stdout).toMatch(
      /--ref <ref>\s+the branch, tag or commit whose history is read\s+\(default: "HEAD"\)/,
    );
    expect(h.stdout).toContain('coe audit --ref origin/main --format csv > audit.csv');
    expect(h.stdout).toMatch(
      /--verify\s+check each approval and waiver record against the\s+reviews of its pull request/,
    );
    expect(h.stdout).toContain('GITHUB_TOKEN=$(gh auth token) coe audit --verify');
    expect(h.stdout).toMatch(/Exit codes: 0 no flag, 1 a flag was raised, 2 invalid input or usage/);
    expect(coe(['--help'], { cwd: REPO_ROOT }).stdout).toMatch(
      /^ +audit \[options\] \[ids\.\.\.\] +every change to each use case/m,
    );
  });

  it('strips terminal escapes a commit author carries', () => {
    const dir = mkdtempSync(join(tmpdir(), 'coe-audit-esc-'));
    try {
      git(dir, 'init', '-q', '-b', 'main');
      write(dir, 'usecases/claims/claims-intake-bot.yaml', manifest());
      commitAt(dir, 'Propose (#3)', '2026-01-10', 'Eve \u001b[2J\u001b]8;;https://x\u0007Evil');
      const r = coe(['audit', '--as-of', AS_OF], { cwd: dir });
      expect(r.status).toBe(0);
      expect(r.stdout).not.toContain('\u001b');
      expect(r.stdout).toContain('  #3  Eve Evil  added  stage — → intake  tier — → medium  policies none\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
