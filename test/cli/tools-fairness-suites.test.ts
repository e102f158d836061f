// Wrong answers from issue 13, tried again through the real CLI on a real repository: a tool with
// admin permission inside a product, fairness switched off on a high-tier use case, and an
// evaluation suite that evaluated another version than the one the use case declares. Each starts
// from a shipped sample that passes, breaks it the way the issue did, and fixes it again.
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { coe, makeRepo, REPO_ROOT, sampleAsOf } from '../helpers/repo.ts';

interface Finding {
  rule: string;
  level: string;
  message: string;
}
interface UseCaseResult {
  id: string;
  blocked: boolean;
  findings?: Finding[];
}

/** The sample's text with `from` replaced by `to`; fails loudly if `from` is not there. */
function edited(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** Judges one shipped sample, edited, with the shipped policies, as of the sample's date. */
function judge(sample: string, edit: (text: string) => string = (t) => t): UseCaseResult {
  const text = edit(readFileSync(join(REPO_ROOT, 'usecases', sample), 'utf8'));
  const root = makeRepo({ [`usecases/${sample}`]: text });
  cpSync(join(REPO_ROOT, 'policies'), join(root, 'policies'), { recursive: true });
  const r = coe(['check', '--as-of', sampleAsOf(), '--format', 'json'], { cwd: root });
  const report = JSON.parse(r.stdout) as { problems: unknown[]; useCases: UseCaseResult[] };
  expect(report.problems).toEqual([]);
  const [u] = report.useCases;
  expect(r.status, r.stdout).toBe(u?.blocked ? 1 : 0);
  return u as UseCaseResult;
}
const failing = (u: UseCaseResult) => (u.findings ?? []).filter((f) => f.level !== 'advisory');
const finding = (u: UseCaseResult, rule: string) => u.findings?.find((f) => f.rule === rule);

describe('least privilege for every pattern', () => {
  const CHAT = 'customer-support/website-chat-assistant.yaml';
  const TOOL = `  tools:
    - name: zendesk-chat-handover
      system: Zendesk Chat API
      permissions: [create]
      scope: Opens a live chat in the general queue with the transcript so far; cannot read any customer record
      highImpact: false
`;
  const ADMIN = `  tools:
    - name: zendesk-admin
      system: Zendesk Chat API
      permissions: [create, admin]
      highImpact: false
`;

  test('the sample, AI inside a product with a scoped tool, passes', () => {
    const u = judge(CHAT);
    expect(u.blocked).toBe(false);
  });

  test('an ai-in-product tool with admin permission, no scope and no approval step is blocked', () => {
    const u = judge(CHAT, (t) => edited(t, TOOL, ADMIN));
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => [f.rule, f.level])).toEqual([
      ['release-gates.high-impact-tools-flagged', 'hard'],
      ['release-gates.least-privilege-tools', 'hard'],
      ['release-gates.admin-tools-justified', 'hard'],
    ]);
    expect(finding(u, 'release-gates.least-privilege-tools')?.message).toBe(
      'Tool zendesk-admin (create, admin) has no scope.',
    );
    expect(finding(u, 'release-gates.admin-tools-justified')?.message).toBe(
      'Tool zendesk-admin holds admin permission with no written justification.',
    );
  });

  test('flagged high-impact but with no approval step, it is still blocked', () => {
    const u = judge(CHAT, (t) =>
      edited(
        t,
        TOOL,
        `  tools:
    - name: zendesk-admin
      system: Zendesk Chat API
      permissions: [create, admin]
      scope: The routing rules of the general chat queue only
      justification: Zendesk has no narrower permission to edit a queue's routing rules
      highImpact: true
      impact: access-change
`,
      ),
    );
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => f.rule)).toEqual(['release-gates.high-impact-approval-step']);
  });

  test('scoped, justified and guarded by a person, the admin tool passes', () => {
    const u = judge(CHAT, (t) =>
      edited(
        t,
        TOOL,
        `  tools:
    - name: zendesk-admin
      system: Zendesk Chat API
      permissions: [create, admin]
      scope: The routing rules of the general chat queue only
      justification: Zendesk has no narrower permission to edit a queue's routing rules
      highImpact: true
      impact: access-change
      approvalStep: The live-chat team lead approves each routing change in Zendesk before it applies
`,
      ),
    );
    expect(failing(u)).toEqual([]);
    expect(u.blocked).toBe(false);
  });
});

describe('fairness', () => {
  const CHAT = 'customer-support/website-chat-assistant.yaml';
  const CHAT_FAIRNESS = `    fairness:
      relevant: true
      assessment: https://wiki.northwind.example/evidence/website-chat-assistant/accessibility-fairness-2026-05.pdf
      date: 2026-05-21
`;
  const FRAUD = 'claims/claims-fraud-signal-assistant.yaml';

  test('fairness switched off on a high-tier use case with no reason is blocked', () => {
    const u = judge(CHAT, (t) => edited(t, CHAT_FAIRNESS, '    fairness:\n      relevant: false\n'));
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        'release-gates.fairness-not-relevant-reason',
        'hard',
        'Fairness is marked not relevant with no reason.',
      ],
    ]);
  });

  test('with its reason, fairness set aside on a use case that decides nothing about people passes', () => {
    const u = judge(CHAT, (t) =>
      edited(
        t,
        CHAT_FAIRNESS,
        `    fairness:
      relevant: false
      reason: Answers from public pages, the same for every visitor; it decides nothing about anyone and hands over to a person
`,
      ),
    );
    expect(failing(u)).toEqual([]);
    expect(u.blocked).toBe(false);
  });

  test('the sample that shapes decisions about people, with results for every group compared, passes', () => {
    expect(judge(FRAUD).blocked).toBe(false);
  });

  test('a high-tier use case that shapes decisions about people cannot set fairness aside, even with a reason', () => {
    const u = judge(FRAUD, (t) =>
      edited(
        t,
        '      relevant: true\n      assessment: https://wiki.northwind.example/evidence/claims-fraud-signal-assistant/fairness-plan.md\n',
        '      relevant: false\n      reason: Handlers decide every referral\n',
      ),
    );
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => f.message)).toEqual([
      'A high-tier use case that shapes decisions about people is at pilot, but fairness is marked not relevant, which it cannot be.',
    ]);
  });

  test('a group compared with no result is blocked, and the message names the groups', () => {
    const u = judge(FRAUD, (t) =>
      edited(
        t,
        '        - { group: claimants under 30, metric: share of claims with at least one signal, value: 0.118 }\n        - { group: claimants 30 to 64, metric: share of claims with at least one signal, value: 0.104 }\n        - { group: claimants 65 and over, metric: share of claims with at least one signal, value: 0.097 }\n',
        '        - { group: claimants 30 to 64, metric: share of claims with at least one signal, value: 0.104 }\n',
      ),
    );
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => [f.rule, f.message])).toEqual([
      [
        'release-gates.fairness-by-group',
        'A high-tier use case that shapes decisions about people is at pilot, but no result is recorded for claimants under 30, claimants 65 and over.',
      ],
    ]);
  });
});

describe('evaluation suites name the versions they evaluated', () => {
  const BROKER = 'sales/broker-call-summary.yaml';
  const OFFLINE_RAN = `        evidence: https://evals.northwind.example/sales/broker-call/offline/run-12
        evaluated:
          models:
            - { id: claude-sonnet-4, version: Bedrock eu-west-2 deployment }
          prompt: broker-call v6
          workflow: broker-call-summary 3.17.0
`;

  test('the sample, whose suites evaluated the declared versions, passes', () => {
    expect(judge(BROKER).blocked).toBe(false);
  });

  test('a suite that evaluated another prompt version does not count, and the message names both versions', () => {
    const u = judge(BROKER, (t) =>
      edited(t, OFFLINE_RAN, OFFLINE_RAN.replace('broker-call v6', 'broker-call v5')),
    );
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => [f.rule, f.level, f.message])).toEqual([
      [
        'release-gates.offline-evaluation',
        'hard',
        'No offline evaluation of the declared versions meets its threshold.',
      ],
      [
        'release-gates.suites-match-versions',
        'hard',
        'The offline suite evaluated prompt broker-call v5, the use case declares broker-call v6, so it does not count.',
      ],
    ]);
  });

  test('a new prompt version declared without running the suites again leaves no suite that counts', () => {
    const u = judge(BROKER, (t) => edited(t, '    prompt: broker-call v6\n', '    prompt: broker-call v7\n'));
    expect(u.blocked).toBe(true);
    const mismatches = failing(u).filter((f) => f.rule === 'release-gates.suites-match-versions');
    expect(mismatches.map((f) => f.message)).toEqual(
      ['offline', 'grounding', 'regression', 'safety'].map(
        (type) =>
          `The ${type} suite evaluated prompt broker-call v6, the use case declares broker-call v7, so it does not count.`,
      ),
    );
  });

  test('a suite that does not name what it evaluated is blocked from pilot', () => {
    const u = judge(BROKER, (t) =>
      edited(
        t,
        OFFLINE_RAN,
        '        evidence: https://evals.northwind.example/sales/broker-call/offline/run-12\n',
      ),
    );
    expect(u.blocked).toBe(true);
    expect(failing(u).map((f) => f.rule)).toEqual(['release-gates.suites-name-versions']);
  });

  test('a model version that says latest is not pinned', () => {
    const u = judge(BROKER, (t) =>
      edited(t, '      version: Bedrock eu-west-2 deployment\n', '      version: Bedrock eu-west-2 latest\n'),
    );
    expect(u.blocked).toBe(true);
    expect(finding(u, 'release-gates.versions-pinned')?.message).toBe(
      'The version of claude-sonnet-4 is not pinned at pilot: it is missing or says latest.',
    );
  });
});
