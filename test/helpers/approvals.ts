// A policy set whose roles and RACI are the test's own (the shipped rules, tiering, models and
// rubric otherwise), and use cases built from text: for in-process tests of the approvals core,
// which mutation testing runs many times over.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangedUseCase, PullRequestFacts, Review } from '../../engine/core/approvals/gate.ts';
import { fromGitHub } from '../../engine/core/approvals/identity.ts';
import { higherTier } from '../../engine/core/approvals/raci.ts';
import { type LoadedManifest, loadManifest } from '../../engine/core/check/check-manifests.ts';
import { tierOf } from '../../engine/core/policy/evaluate.ts';
import { loadPolicies, type PolicySet } from '../../engine/core/policy/load-policies.ts';
import type { Problem } from '../../engine/core/problem.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import type { UseCase } from '../../engine/schema/usecase.gen.ts';
import { manifest, REPO_ROOT } from './repo.ts';

export const HEAD = 'a'.repeat(40);
export const EARLIER = 'b'.repeat(40);
export const AS_OF = '2026-11-24';

/** Every role two holders, a champion per domain, named by the use case. */
export const TEST_ROLES = `apiVersion: coe-gate/v1
kind: RoleRegistry
roles:
  - { id: coe-lead, title: CoE lead, members: ["@lena", "@leo"] }
  - { id: coe-maintainer, title: Maintainer, members: ["@mia", "@max"] }
  - { id: product-lead, title: Product lead, members: ["@pia", "@pete"] }
  - id: domain-champion
    title: Champion
    namedBy: metadata.champion
    members:
      - { login: "@cara", domains: [claims] }
      - { login: "@cody", domains: [claims] }
      - { login: "@hana", domains: [hr] }
  - { id: security-lead, title: Security, members: ["@sam", "@sue"] }
  - { id: privacy-lead, title: Privacy, members: ["@pat", "@pam"] }
  - { id: legal-compliance, title: Legal, members: ["@lou", "@liz"] }
  - { id: platform-architect, title: Platform, members: ["@ari", "@abe"] }
  - { id: responsible-ai-lead, title: Responsible AI, members: ["@ria", "@rob"] }
`;

export const TEST_RACI = `apiVersion: coe-gate/v1
kind: Raci
oneRolePerPerson: true
waivers:
  maxDays: 90
  soft: [coe-lead]
  rules:
    lifecycle.scores-not-lowered-silently: [responsible-ai-lead]
changes:
  - { field: spec.models, stages: [pilot, production], roles: [coe-lead] }
approvals:
  - { to: intake, roles: [coe-maintainer] }
  - { to: discovery, roles: [coe-lead, domain-champion] }
  - { to: prototype, roles: [product-lead] }
  - { to: mvp, roles: [product-lead, platform-architect] }
  - { to: pilot, roles: [coe-lead, domain-champion] }
  - { to: pilot, tiers: [medium, high], roles: [security-lead] }
  - { to: production, roles: [platform-architect, domain-champion] }
  - { to: production, tiers: [medium, high], roles: [security-lead] }
  - { to: production, tiers: [high], roles: [legal-compliance] }
  - { to: retired, roles: [coe-lead] }
`;

/** The shipped policies with `roles` and `raci` in place of the shipped registries. */
export function testPolicies(roles = TEST_ROLES, raci = TEST_RACI): PolicySet {
  const shipped = (readPolicySources(REPO_ROOT) ?? []).filter(
    (s) => !/registries\/(roles|raci)\.yaml$/.test(s.file),
  );
  return load([...shipped, ...own(roles, raci)]);
}

/**
 * The test's own policy (`body`: its tiering and rules, YAML below `kind: Policy`) in place of the
 * shipped ones, with the test's roles and RACI and the shipped models and rubric.
 */
export function ownPolicies(body: string, roles = TEST_ROLES, raci = BARE_RACI): PolicySet {
  const registries = (readPolicySources(REPO_ROOT) ?? []).filter((s) =>
    /registries\/(models|vendors|rubric)\.yaml$/.test(s.file),
  );
  const policy = `apiVersion: coe-gate/v1\nkind: Policy\nmetadata: { name: t, title: Test }\n${body}`;
  return load([
    ...registries,
    ...own(roles, raci),
    { file: 'policies/t.yaml', read: () => Buffer.from(policy) },
  ]);
}

/** A RACI that names no rule (the test's own policies have none of the shipped rules). */
export const BARE_RACI = `apiVersion: coe-gate/v1
kind: Raci
approvals:
  - { to: intake, roles: [coe-maintainer] }
  - { to: discovery, roles: [coe-lead, domain-champion] }
`;

const own = (roles: string, raci: string) => [
  { file: 'policies/registries/roles.yaml', read: () => Buffer.from(roles) },
  { file: 'policies/registries/raci.yaml', read: () => Buffer.from(raci) },
];

function load(sources: { file: string; read: () => Uint8Array }[]): PolicySet {
  const loaded = loadPolicies(sources);
  if (!loaded.ok) throw new Error(`test policies do not load: ${loaded.problems[0]?.message}`);
  return loaded.policies;
}

/** Edits the test manifest to name `principal` (@login or @org/team) as its champion. */
export const champion =
  (principal: string) =>
  (text: string): string =>
    text.replace('  owner: "@acme/claims-ai"\n', `  owner: "@acme/claims-ai"\n  champion: "${principal}"\n`);

/** The test manifest (claims, medium tier) with `lifecycle` as its lifecycle section's body. */
export function useCase(lifecycle: string, edit: (text: string) => string = (t) => t): UseCase {
  return loadedUseCase(lifecycle, edit).manifest;
}

/** The same, as the engine loads it: with its text, for the lines of findings. */
export function loadedUseCase(lifecycle: string, edit: (text: string) => string = (t) => t): LoadedManifest {
  const text = edit(manifest('claims-intake-bot', 'claims', '').replace(/ {4}stage: intake\n$/, lifecycle));
  const problems: Problem[] = [];
  const loaded = loadManifest('usecases/claims/claims-intake-bot.yaml', Buffer.from(text), problems);
  if (!loaded) throw new Error(`the test manifest does not load: ${problems[0]?.message}\n${text}`);
  return loaded;
}

export function sampleManifest(file: string): UseCase {
  const loaded = loadManifest(file, readFileSync(join(REPO_ROOT, file)), []);
  if (!loaded) throw new Error(`${file} does not load`);
  return loaded.manifest;
}

/** A change from `base` (null: new) to `head` (null: removed), its tier the higher of both ends. */
export function changed(base: UseCase | null, head: UseCase | null, policies: PolicySet): ChangedUseCase {
  const tiers = [base, head]
    .filter((m): m is UseCase => m !== null)
    .map((m) => tierOf(m, policies, AS_OF).effective);
  const either = (head ?? base) as UseCase;
  return {
    id: either.metadata.id,
    file: `usecases/${either.metadata.domain}/${either.metadata.id}.yaml`,
    from: base?.spec.lifecycle.stage ?? null,
    to: head?.spec.lifecycle.stage ?? null,
    tier: tiers.reduce(higherTier),
    head,
    base,
    lineOfApproval: (i) => 100 + i,
    lineOfWaiver: (i) => 200 + i,
  };
}

export const review = (
  login: string,
  state: Review['state'] = 'APPROVED',
  commitId = HEAD,
  submittedAt = '2026-11-24T10:00:00Z',
): Review => ({ login: fromGitHub(login), state, commitId, submittedAt });

/**
 * A pull request's facts as the GitHub adapter hands them to the core: logins given as GitHub
 * writes them (bare) arrive as @login.
 */
export function pull(reviews: Review[], o: Partial<PullRequestFacts> = {}): PullRequestFacts {
  const facts = {
    number: 7,
    author: 'olga',
    contributors: ['olga'],
    openedAt: '2026-11-20T09:00:00Z',
    reviews,
    ...o,
  };
  return { ...facts, author: fromGitHub(facts.author), contributors: facts.contributors.map(fromGitHub) };
}
