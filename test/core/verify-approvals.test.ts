// Approvals by role against a pull request's reviews, with the shipped roles registry and RACI.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { loadManifest } from '../../engine/core/check/check-manifests.ts';
import {
  type ChangedUseCase,
  type Review,
  verifyApprovals,
} from '../../engine/core/gate/verify-approvals.ts';
import type { UseCase } from '../../engine/core/manifest/usecase.gen.ts';
import { loadPolicies, type PolicySet } from '../../engine/core/policy/load-policies.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const HEAD = 'a'.repeat(40);
const EARLIER = 'b'.repeat(40);
const FILE = 'usecases/customer-support/policy-wording-qa-copilot.yaml';

function policies(): PolicySet {
  const loaded = loadPolicies(readPolicySources(REPO_ROOT) ?? []);
  if (!loaded.ok) throw new Error('the shipped policies do not load');
  return loaded.policies;
}

function sample(): UseCase {
  const loaded = loadManifest(FILE, readFileSync(join(REPO_ROOT, FILE)), []);
  if (!loaded) throw new Error(`${FILE} does not load`);
  return loaded.manifest;
}

/** The sample proposed anew (no base): entering intake needs a coe-maintainer. */
function proposal(approvals: NonNullable<UseCase['spec']['lifecycle']['approvals']>): ChangedUseCase {
  const head = sample();
  head.spec.lifecycle.approvals = approvals;
  return {
    id: head.metadata.id,
    file: FILE,
    from: null,
    to: 'intake',
    tier: 'low',
    head,
    base: null,
    lineOfApproval: (i) => 60 + i,
  };
}

const review = (
  login: string,
  state: Review['state'],
  commitId = HEAD,
  at = '2026-11-24T10:00:00Z',
): Review => ({
  login,
  state,
  commitId,
  submittedAt: at,
});
const record = {
  stage: 'intake' as const,
  role: 'coe-maintainer',
  login: 'fvogel',
  date: '2026-11-24',
  pr: 7,
};
const pr = (reviews: Review[], author = 'jdelacroix') => ({ number: 7, author, headSha: HEAD, reviews });

describe('verifyApprovals', () => {
  test('a recorded approval backed by the role holder approving the head commit fills the role', () => {
    const out = verifyApprovals([proposal([record])], pr([review('fvogel', 'APPROVED')]), policies(), false);
    expect(out.useCases[0]?.roles).toEqual([
      { role: 'coe-maintainer', by: 'fvogel', holders: ['bchen', 'fvogel'] },
    ]);
    expect(out.useCases[0]?.unverified).toEqual([]);
    expect(out.blocked).toBe(false);
  });

  test('an approval of an earlier commit does not count, and is reported as stale', () => {
    const out = verifyApprovals(
      [proposal([record])],
      pr([review('fvogel', 'APPROVED', EARLIER)]),
      policies(),
      false,
    );
    expect(out.blocked).toBe(true);
    expect(out.stale).toEqual(['fvogel']);
    expect(out.useCases[0]?.unverified[0]?.reason).toMatch(
      /has not approved this pull request's latest commit/,
    );
    expect(out.useCases[0]?.unverified[0]?.line).toBe(60);
  });

  test('a reviewer without the role is ignored; the role stays missing with its holders listed', () => {
    const out = verifyApprovals([proposal([])], pr([review('mallory', 'APPROVED')]), policies(), false);
    expect(out.useCases[0]?.roles).toEqual([{ role: 'coe-maintainer', holders: ['bchen', 'fvogel'] }]);
    expect(out.blocked).toBe(true);
  });

  test('the author never counts, even holding the role, and is not offered as an approver', () => {
    const out = verifyApprovals(
      [proposal([record])],
      pr([review('fvogel', 'APPROVED')], 'fvogel'),
      policies(),
      false,
    );
    expect(out.useCases[0]?.unverified[0]?.reason).toBe(
      'fvogel opened this pull request and cannot approve it',
    );
    expect(out.useCases[0]?.roles[0]).toEqual({ role: 'coe-maintainer', holders: ['bchen'] });
  });

  test('a later request for changes by a role holder blocks until they approve again', () => {
    const reviews = [
      review('fvogel', 'APPROVED'),
      review('ekovacs', 'CHANGES_REQUESTED', HEAD, '2026-11-24T11:00:00Z'),
    ];
    const blocked = verifyApprovals([proposal([record])], pr(reviews), policies(), false);
    expect(blocked.changesRequested).toEqual([{ login: 'ekovacs', roles: ['security-lead'] }]);
    expect(blocked.blocked).toBe(true);
    const again = verifyApprovals(
      [proposal([record])],
      pr([...reviews, review('ekovacs', 'APPROVED', HEAD, '2026-11-24T12:00:00Z')]),
      policies(),
      false,
    );
    expect(again.changesRequested).toEqual([]);
    expect(again.blocked).toBe(false);
  });

  test('a change to policies/ needs a coe-maintainer review besides the use-case approvals', () => {
    const without = verifyApprovals([], pr([review('mtanaka', 'APPROVED')]), policies(), true);
    expect(without.policyChange).toEqual([{ role: 'coe-maintainer', holders: ['bchen', 'fvogel'] }]);
    expect(without.blocked).toBe(true);
    const withIt = verifyApprovals([], pr([review('bchen', 'APPROVED')]), policies(), true);
    expect(withIt.policyChange?.[0]?.by).toBe('bchen');
    expect(withIt.blocked).toBe(false);
  });

  test('one person fills one required role per transition', () => {
    const loaded = policies();
    const head = sample();
    // Entering pilot at medium tier needs coe-lead, domain-champion and security-lead.
    const records = [
      { stage: 'pilot' as const, role: 'coe-lead', login: 'mtanaka', date: '2026-11-24' },
      { stage: 'pilot' as const, role: 'domain-champion', login: 'mtanaka', date: '2026-11-24' },
    ];
    head.spec.lifecycle.approvals = records;
    // The loaded registries are frozen: a variant is a new set.
    const set = {
      ...loaded,
      registries: {
        ...loaded.registries,
        roles: loaded.registries.roles.map((r) =>
          r.id === 'domain-champion' ? { ...r, members: [...r.members, 'mtanaka'] } : r,
        ),
      },
    };
    const out = verifyApprovals(
      [
        {
          id: 'x',
          file: FILE,
          from: 'mvp',
          to: 'pilot',
          tier: 'medium',
          head,
          base: null,
          lineOfApproval: () => 1,
        },
      ],
      pr([review('mtanaka', 'APPROVED')]),
      set,
      false,
    );
    const roles = Object.fromEntries(out.useCases[0]?.roles.map((r) => [r.role, r.by ?? null]) ?? []);
    expect(roles).toEqual({ 'coe-lead': 'mtanaka', 'domain-champion': null, 'security-lead': null });
  });

  test('a model change in production needs the CoE lead and the platform architect again; earlier approvals do not count', () => {
    const file = 'usecases/customer-support/support-reply-drafting.yaml';
    const load = () => {
      const loaded = loadManifest(file, readFileSync(join(REPO_ROOT, file)), []);
      if (!loaded) throw new Error(`${file} does not load`);
      return loaded.manifest;
    };
    const base = load();
    const head = load();
    const model = head.spec.models?.[0];
    if (!model) throw new Error('the sample has no model');
    model.version = `${model.version ?? ''} (prompt v32)`;
    const change = (records: NonNullable<UseCase['spec']['lifecycle']['approvals']>): ChangedUseCase => {
      head.spec.lifecycle.approvals = [...(base.spec.lifecycle.approvals ?? []), ...records];
      return {
        id: 'support-reply-drafting',
        file,
        from: 'production',
        to: 'production',
        tier: 'medium',
        head,
        base,
        lineOfApproval: () => 1,
      };
    };
    const without = verifyApprovals([change([])], pr([review('dlindqvist', 'APPROVED')]), policies(), false);
    expect(without.useCases[0]?.roles).toEqual([
      { role: 'coe-lead', why: 'spec.models changed', holders: ['mtanaka', 'sbrennan'] },
      { role: 'platform-architect', why: 'spec.models changed', holders: ['dlindqvist', 'achen'] },
    ]);
    expect(without.blocked).toBe(true);
    const records = [
      { stage: 'production' as const, role: 'coe-lead', login: 'sbrennan', date: '2026-11-24', pr: 7 },
      { stage: 'production' as const, role: 'platform-architect', login: 'achen', date: '2026-11-24', pr: 7 },
    ];
    const approved = verifyApprovals(
      [change(records)],
      pr([review('achen', 'APPROVED'), review('sbrennan', 'APPROVED')]),
      policies(),
      false,
    );
    expect(approved.useCases[0]?.roles.map((r) => r.by)).toEqual(['sbrennan', 'achen']);
    expect(approved.blocked).toBe(false);
    // A change that leaves the models alone asks for nothing.
    head.spec.models = base.spec.models;
    const unchanged = verifyApprovals([change([])], pr([]), policies(), false);
    expect(unchanged.useCases[0]?.roles).toEqual([]);
  });
});
