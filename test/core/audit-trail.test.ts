// The audit trail's core, in process: commit records and manifest texts in, rows and flags out.
import { describe, expect, it } from 'vitest';
import { pullRequestOf } from '../../engine/core/audit/pull-request.ts';
import { AuditTrail, type CommitRecord } from '../../engine/core/audit/trail.ts';
import { renderAuditJson } from '../../engine/report/audit-json.ts';
import { manifest } from '../helpers/repo.ts';

const bytes = (s: string) => new TextEncoder().encode(s);
const at = (n: number, changes: CommitRecord['changes'], subject = `Change ${n} (#${n})`): CommitRecord => ({
  sha: String(n).repeat(40).slice(0, 40),
  date: `2026-01-${String(n).padStart(2, '0')}`,
  author: 'A',
  subject,
  changes,
});

describe('pull requests from commit subjects', () => {
  it('reads GitHub merge and squash subjects, nothing else', () => {
    expect(pullRequestOf('Merge pull request #13 from acme/discovery')).toBe(13);
    expect(pullRequestOf('Add the bot (#12)')).toBe(12);
    expect(pullRequestOf('Add the bot (#12) ')).toBe(12);
    expect(pullRequestOf('Fixes #12 in the bot')).toBe(null);
    expect(pullRequestOf('Merge branch main')).toBe(null);
    expect(pullRequestOf('Merge pull request #0 from x/y')).toBe(null);
  });
});

describe('AuditTrail', () => {
  it('follows a move git did not pair (deleted here, added there in one commit) as a rename', () => {
    const trail = new AuditTrail();
    const texts: Record<string, string> = {
      'usecases/claims/bot.yaml': manifest('bot', 'claims'),
      'usecases/hr/bot.yaml': manifest('bot', 'hr').replace('Claims intake bot', 'HR bot'),
    };
    const read = (p: string) => (texts[p] === undefined ? undefined : bytes(texts[p] as string));
    trail.apply(at(1, [{ status: 'added', path: 'usecases/claims/bot.yaml' }]), read, null);
    trail.apply(
      at(2, [
        { status: 'deleted', path: 'usecases/claims/bot.yaml' },
        { status: 'added', path: 'usecases/hr/bot.yaml' },
      ]),
      read,
      null,
    );
    const report = trail.report('HEAD', '2026-02-01');
    expect(report.useCases).toHaveLength(1);
    expect(report.useCases[0]).toMatchObject({ id: 'bot', domain: 'hr', removed: false, flags: [] });
    expect(report.useCases[0]?.changes.map((c) => [c.change, c.file, c.previousFile, c.flags])).toEqual([
      ['added', 'usecases/claims/bot.yaml', null, []],
      ['renamed', 'usecases/hr/bot.yaml', 'usecases/claims/bot.yaml', []],
    ]);
    expect(report.summary.flags['manifest-deleted']).toBe(0);
  });

  it('a rename between two different use cases is the old one deleted and the new one added', () => {
    const trail = new AuditTrail();
    const texts: Record<string, string> = {
      'usecases/claims/old-bot.yaml': manifest('old-bot', 'claims'),
      'usecases/claims/new-bot.yaml': manifest('new-bot', 'claims'),
    };
    const read = (p: string) => (texts[p] === undefined ? undefined : bytes(texts[p] as string));
    trail.apply(at(1, [{ status: 'added', path: 'usecases/claims/old-bot.yaml' }]), read, null);
    trail.apply(
      at(
        2,
        [{ status: 'renamed', path: 'usecases/claims/new-bot.yaml', from: 'usecases/claims/old-bot.yaml' }],
        'Swap',
      ),
      read,
      null,
    );
    const report = trail.report('HEAD', '2026-02-01');
    expect(report.useCases.map((u) => [u.id, u.removed, u.changes.map((c) => c.change)])).toEqual([
      ['new-bot', false, ['added']],
      ['old-bot', true, ['added', 'deleted']],
    ]);
    expect(report.useCases[1]?.changes[1]?.flags.map((f) => f.code)).toEqual([
      'no-pull-request',
      'manifest-deleted',
    ]);
  });

  it('reads a version that no longer validates as it is, with its declared tier', () => {
    const trail = new AuditTrail();
    const text = manifest('bot', 'claims').replace('  owner: "@acme/claims-ai"\n', '');
    trail.apply(at(1, [{ status: 'added', path: 'usecases/claims/bot.yaml' }]), () => bytes(text), null);
    expect(trail.report('HEAD', '2026-02-01').useCases[0]).toMatchObject({
      id: 'bot',
      stage: 'intake',
      tier: 'medium',
    });
  });

  it('prints an empty report as JSON.stringify would', () => {
    const report = new AuditTrail().report('HEAD', '2026-02-01');
    const json = [...renderAuditJson(report)].join('');
    expect(json).toBe(`${JSON.stringify(JSON.parse(json), null, 2)}\n`);
    expect(JSON.parse(json).useCases).toEqual([]);
  });

  it('flags an expired waiver at every later commit in its stage, and not once the stage changed', () => {
    const trail = new AuditTrail();
    const waiver =
      '    waivers:\n      - { rule: lifecycle.owner-team, reason: R, stage: intake, expires: 2026-01-02, approver: "@mtanaka", granted: 2026-01-01, pr: 1 }\n';
    let text = manifest('bot', 'claims', waiver);
    const read = () => bytes(text);
    const change = [{ status: 'modified' as const, path: 'usecases/claims/bot.yaml' }];
    trail.apply(at(1, [{ status: 'added', path: 'usecases/claims/bot.yaml' }]), read, null);
    text = text.replace('Claims intake bot', 'Claims bot');
    trail.apply(at(3, change), read, null);
    text = text.replace('Claims bot', 'Claims triage bot');
    trail.apply(at(4, change), read, null);
    text = text.replace('stage: intake', 'stage: discovery');
    trail.apply(at(5, change), read, null);
    const codes = (asOf: string) =>
      trail.report('HEAD', asOf).useCases[0]?.changes.map((c) => c.flags.map((f) => f.message));
    expect(codes('2026-02-01')).toEqual([
      [],
      [
        'waiver of lifecycle.owner-team for intake expired on 2026-01-02 and the use case was still at intake on 2026-01-03',
      ],
      [
        'waiver of lifecycle.owner-team for intake expired on 2026-01-02 and the use case was still at intake on 2026-01-04',
      ],
      [],
    ]);
    expect(trail.report('HEAD', '2026-02-01').useCases[0]?.flags).toEqual([]);
  });

  it('a manifest whose id changes ends the old use case and starts a new one', () => {
    const trail = new AuditTrail();
    let text = manifest('old-bot', 'claims');
    const read = () => bytes(text);
    trail.apply(at(1, [{ status: 'added', path: 'usecases/claims/bot.yaml' }]), read, null);
    text = manifest('new-bot', 'claims');
    trail.apply(at(2, [{ status: 'modified', path: 'usecases/claims/bot.yaml' }]), read, null);
    const report = trail.report('HEAD', '2026-02-01');
    expect(report.useCases.map((u) => [u.id, u.removed, u.changes.map((c) => c.change)])).toEqual([
      ['new-bot', false, ['added']],
      ['old-bot', true, ['added', 'deleted']],
    ]);
  });
});
