// The pure decision of `coe audit --verify`, in process: which review a record rests on, in which
// order the checks come, and what the run's exit code is.
import { describe, expect, test } from 'vitest';
import { type Review, recordKey } from '../../engine/core/approvals/gate.ts';
import {
  type AuditRecord,
  type PullEvidence,
  recordsOf,
  summarise,
  verifyRecord,
} from '../../engine/core/audit/verify.ts';

const A = 'a'.repeat(40);
const B = 'b'.repeat(40);

const [record] = recordsOf(
  'claims-triage',
  'usecases/claims/claims-triage.yaml',
  [{ stage: 'pilot', role: 'security-lead', login: 'Alice', date: '2026-11-20', pr: 7 }],
  [],
  { approval: (i) => 10 + i, waiver: () => 0 },
) as [AuditRecord];

const pull = (o: Partial<PullEvidence> = {}): { found: PullEvidence } => ({
  found: {
    number: 7,
    author: 'bob',
    merged: true,
    baseRef: 'main',
    defaultBranch: 'main',
    reviews: [],
    commits: [A, B],
    contributors: ['bob'],
    ...o,
  },
});
const r = (state: Review['state'], commitId: string, submittedAt: string, login = 'alice'): Review => ({
  login,
  state,
  commitId,
  submittedAt,
});
const holds = () => 'holds' as const;

describe('verifyRecord', () => {
  test('a record carries its file, line and login', () => {
    expect(record).toMatchObject({ kind: 'approval', line: 10, login: 'Alice', pr: 7 });
  });

  test('the latest standing review counts; a comment after it changes nothing', () => {
    const v = verifyRecord(
      record,
      pull({
        reviews: [
          r('CHANGES_REQUESTED', A, '2026-11-20T09:00:00Z'),
          r('APPROVED', B, '2026-11-20T10:00:00Z'),
          r('COMMENTED', B, '2026-11-20T11:00:00Z'),
        ],
      }),
      holds,
    );
    expect(v).toMatchObject({ status: 'verified', review: { commitId: B, state: 'APPROVED' } });
  });

  test('an approval given again after a dismissal verifies', () => {
    const v = verifyRecord(
      record,
      pull({
        reviews: [r('DISMISSED', A, '2026-11-20T09:00:00Z'), r('APPROVED', B, '2026-11-21T09:00:00Z')],
      }),
      holds,
    );
    expect(v.status).toBe('verified');
  });

  test('an approval by someone who wrote or committed commits of the pull request is contradicted', () => {
    const v = verifyRecord(
      record,
      pull({ contributors: ['bob', 'ALICE'], reviews: [r('APPROVED', B, '2026-11-20T10:00:00Z')] }),
      holds,
    );
    expect(v).toMatchObject({
      status: 'contradicted',
      reason: 'Alice wrote or committed commits of pull request #7, so cannot approve it',
    });
  });

  test('another login’s approval is not theirs', () => {
    const v = verifyRecord(
      record,
      pull({ reviews: [r('APPROVED', B, '2026-11-20T10:00:00Z', 'carol')] }),
      holds,
    );
    expect(v).toEqual({
      record,
      status: 'contradicted',
      reason: 'Alice has no approving review on pull request #7',
    });
  });

  test('not merged is said before anything about the reviews', () => {
    const v = verifyRecord(record, pull({ merged: false, author: 'alice' }), holds);
    expect(v.reason).toBe('pull request #7 is not merged');
  });

  test('the author check ignores letter case', () => {
    const v = verifyRecord(record, pull({ author: 'ALICE' }), holds);
    expect(v.reason).toBe('Alice opened pull request #7, so cannot approve it');
  });

  test('git is asked about the reviewed commit only', () => {
    const asked: string[] = [];
    verifyRecord(record, pull({ reviews: [r('APPROVED', A, '2026-11-20T10:00:00Z')] }), (sha) => {
      asked.push(sha);
      return 'lacks';
    });
    expect(asked).toEqual([A]);
  });

  test('a lookup that failed is unverifiable with its reason', () => {
    expect(verifyRecord(record, { unverifiable: 'no token' }, holds)).toEqual({
      record,
      status: 'unverifiable',
      reason: 'no token',
    });
  });
});

describe('summarise', () => {
  const v = (status: 'verified' | 'contradicted' | 'unverifiable') => ({ record, status, reason: '' });
  test('exit 0 only when every record is verified; unverifiable fails closed', () => {
    expect(summarise([v('verified'), v('verified')])).toEqual({
      verified: 2,
      contradicted: 0,
      unverifiable: 0,
      exitCode: 0,
    });
    expect(summarise([v('verified'), v('unverifiable')]).exitCode).toBe(1);
    expect(summarise([v('contradicted')]).exitCode).toBe(1);
    expect(summarise([]).exitCode).toBe(0);
  });
});

test('recordKey ignores key order and the login’s letter case', () => {
  expect(recordKey({ stage: 'pilot', role: 'x', login: 'Alice', date: '2026-11-20', pr: 7 })).toBe(
    recordKey({ pr: 7, date: '2026-11-20', login: 'alice', role: 'x', stage: 'pilot' }),
  );
});
