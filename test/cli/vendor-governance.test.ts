// Vendor and model governance as a CoE meets it: models name their vendor
// (policies/registries/vendors.yaml), whose contract the rules read; a withdrawn model blocks from
// its date; a deprecated or not-yet-withdrawn model stays with the use cases that had it and fails
// a change that adopts it; a registry that names a vendor it does not have stops the run at the
// line. The real CLI, real YAML in temporary repositories and a real git history.
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { commitAll, edit, git, gitRepo, write } from '../helpers/git.ts';
import { coe, copyPolicies, makeRepo, manifest } from '../helpers/repo.ts';

const MODELS = 'policies/registries/models.yaml';
const VENDORS = 'policies/registries/vendors.yaml';
const AS_OF = '2026-11-24';

/** A vendor entry for the end of vendors.yaml (its list is the file's last key). */
const vendor = (id: string, trainingOnOurData: boolean) => `  - id: ${id}
    name: Chat service ${id}
    contract:
      trainingOnOurData: ${trainingOnOurData}
      retention: Kept to improve the service
      regions: [United States]
      sla: None
      incidentNotification: None agreed
      securityAttestations: []
      dataClasses: [public, internal, confidential, regulated]
      reviewedOn: 2026-10-01
      nextReview: 2027-10-01
`;
/** A model entry for the end of models.yaml. */
const model = (id: string, vendorId: string, status = 'approved', extra = '') => `  - id: ${id}
    vendor: ${vendorId}
    status: ${status}
${extra}    dataClasses: [public, internal, confidential, regulated]
    maxTier: high
`;
/** A use case at `stage` on `models`, reading one source of `classification`. */
const useCase = (id: string, stage: string, models: string[], classification = 'internal') =>
  manifest(id, 'claims')
    .replace('    stage: intake\n', `    stage: ${stage}\n`)
    .replace(
      'classification: confidential\n        personalData: personal',
      `classification: ${classification}\n        personalData: none`,
    )
    .replace(
      '  lifecycle:\n',
      `  models:\n${models.map((m) => `    - { id: ${m}, purpose: Drafts the answer }\n`).join('')}  lifecycle:\n`,
    );

interface Finding {
  rule: string;
  message: string;
  path: string;
  level: string;
  blocking: boolean;
}
interface Report {
  problems: { file: string; line: number; message: string }[];
  useCases: { id: string; findings?: Finding[] }[];
}
const check = (root: string, asOf: string, ...args: string[]) => {
  const r = coe(['check', '--as-of', asOf, '--format', 'json', ...args], { cwd: root });
  return { status: r.status, report: JSON.parse(r.stdout) as Report };
};
/** The findings of `rule` on each use case. */
const findings = (report: Report, rule: string) =>
  new Map(report.useCases.map((u) => [u.id, (u.findings ?? []).filter((f) => f.rule === rule)]));

describe('a model whose vendor may train on our data', () => {
  test('is blocked on regulated data, and allowed once the contract forbids training', () => {
    const root = makeRepo({
      'usecases/claims/claims-intake-bot.yaml': useCase(
        'claims-intake-bot',
        'prototype',
        ['chat-assist'],
        'regulated',
      ),
    });
    copyPolicies(root);
    appendFileSync(join(root, VENDORS), vendor('chat-co', true));
    appendFileSync(join(root, MODELS), model('chat-assist', 'chat-co'));

    const before = check(root, AS_OF);
    expect(before.report.problems).toEqual([]);
    expect(before.status).toBe(1);
    expect(
      findings(before.report, 'release-gates.vendor-training-on-our-data').get('claims-intake-bot'),
    ).toEqual([
      expect.objectContaining({
        path: 'spec.models[0].id',
        level: 'hard',
        blocking: true,
        message:
          'Model chat-assist comes from Chat service chat-co, whose contract lets it train on our data, and this use case reads FNOL emails (regulated, personal data none).',
      }),
    ]);
    // The contract's data classes allow regulated data, and so does the model's entry: only the
    // training term stops it.
    expect(findings(before.report, 'release-gates.vendor-data-classes').get('claims-intake-bot')).toEqual([]);
    expect(findings(before.report, 'release-gates.model-data-classes').get('claims-intake-bot')).toEqual([]);

    edit(root, VENDORS, 'trainingOnOurData: true', 'trainingOnOurData: false');
    const after = check(root, AS_OF);
    expect(after.report.problems).toEqual([]);
    expect(
      findings(after.report, 'release-gates.vendor-training-on-our-data').get('claims-intake-bot'),
    ).toEqual([]);
  });

  test("is held to its contract's data classes too", () => {
    const root = makeRepo({
      'usecases/claims/claims-intake-bot.yaml': useCase(
        'claims-intake-bot',
        'prototype',
        ['mistral-large-eu'],
        'confidential',
      ),
    });
    copyPolicies(root);
    // The CoE clears the model for confidential data; Mistral's contract (internal at most) does not.
    edit(
      root,
      MODELS,
      /(id: mistral-large-eu\n(?:.*\n)*?\s+dataClasses:) \[public, internal\]/,
      '$1 [public, internal, confidential]',
    );
    const { report } = check(root, AS_OF);
    expect(report.problems).toEqual([]);
    expect(findings(report, 'release-gates.model-data-classes').get('claims-intake-bot')).toEqual([]);
    expect(findings(report, 'release-gates.vendor-data-classes').get('claims-intake-bot')).toEqual([
      expect.objectContaining({
        blocking: true,
        message:
          'Model mistral-large-eu comes from Mistral AI (La Plateforme, EU hosting), whose contract allows only public, internal data, and this use case reads FNOL emails (confidential).',
      }),
    ]);
  });
});

describe('a withdrawn model', () => {
  test('blocks every use case that uses it from its withdrawal date, and the message gives the date', () => {
    const root = makeRepo({
      'usecases/claims/claims-intake-bot.yaml': useCase('claims-intake-bot', 'intake', ['old-chat']),
    });
    copyPolicies(root);
    appendFileSync(
      join(root, MODELS),
      model('old-chat', 'microsoft-azure-openai', 'withdrawn', '    withdrawnOn: 2030-06-30\n'),
    );

    const dayBefore = check(root, '2030-06-29');
    expect(dayBefore.report.problems).toEqual([]);
    expect(findings(dayBefore.report, 'release-gates.model-withdrawn').get('claims-intake-bot')).toEqual([]);

    const onTheDay = check(root, '2030-06-30');
    expect(onTheDay.status).toBe(1);
    expect(onTheDay.report.problems).toEqual([]);
    expect(findings(onTheDay.report, 'release-gates.model-withdrawn').get('claims-intake-bot')).toEqual([
      expect.objectContaining({
        path: 'spec.models[0].id',
        level: 'hard',
        blocking: true,
        message: 'Model old-chat was withdrawn on 2030-06-30; no use case may use it from that day.',
      }),
    ]);
  });

  test('must say from when: withdrawn without withdrawnOn is a policy problem at the model', () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    copyPolicies(root);
    appendFileSync(join(root, MODELS), model('old-chat', 'microsoft-azure-openai', 'withdrawn'));
    const r = coe(['check', '--as-of', AS_OF], { cwd: root });
    expect(r.status).toBe(2);
    const line = readFileSync(join(root, MODELS), 'utf8').split('\n').indexOf('  - id: old-chat') + 1;
    expect(r.stdout + r.stderr).toMatch(
      new RegExp(`^policies/registries/models\\.yaml:${line}:\\d+ .*withdrawnOn`, 'm'),
    );
  });
});

describe('a deprecated model, and a withdrawn one before its date', () => {
  test('stay with the use cases that had them and fail a change that adopts them (coe check --base)', () => {
    const root = gitRepo({
      'usecases/claims/claims-old-bot.yaml': useCase('claims-old-bot', 'prototype', ['gpt-35-turbo-legacy']),
      'usecases/claims/claims-other-bot.yaml': useCase('claims-other-bot', 'prototype', ['old-chat']),
    });
    appendFileSync(
      join(root, MODELS),
      model('old-chat', 'microsoft-azure-openai', 'withdrawn', '    withdrawnOn: 2099-06-30\n'),
    );
    commitAll(root, 'old-chat is to be withdrawn');
    git(root, 'checkout', '-q', '-b', 'adopt');
    write(
      root,
      'usecases/claims/claims-new-bot.yaml',
      useCase('claims-new-bot', 'prototype', ['gpt-35-turbo-legacy', 'old-chat']),
    );
    // Changed too, so that the gate judges them: their models stay as they were.
    for (const id of ['claims-old-bot', 'claims-other-bot'])
      edit(root, `usecases/claims/${id}.yaml`, /^( {2}title: .*)$/m, '$1, renamed');
    commitAll(root, 'adopt both');

    const { report } = check(root, AS_OF, '--base', 'main');
    expect(report.problems).toEqual([]);
    const approved = findings(report, 'release-gates.approved-models');
    expect(approved.get('claims-old-bot')).toEqual([]);
    expect(approved.get('claims-other-bot')).toEqual([]);
    expect(approved.get('claims-new-bot')?.map((f) => [f.path, f.blocking, f.message.split(',')[0]])).toEqual(
      [
        ['spec.models[0].id', true, 'Model gpt-35-turbo-legacy is deprecated in the model registry'],
        ['spec.models[1].id', true, 'Model old-chat is withdrawn in the model registry'],
      ],
    );
    expect([...findings(report, 'release-gates.model-withdrawn').values()].flat()).toEqual([]);
  });
});

describe('a registry that does not hold together', () => {
  test('a model naming a vendor the vendor registry lacks stops the run at its line, with the nearest id', () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    copyPolicies(root);
    edit(root, MODELS, 'vendor: mistral-ai', 'vendor: mistal-ai');
    const r = coe(['check', '--as-of', AS_OF], { cwd: root });
    expect(r.status).toBe(2);
    const line = readFileSync(join(root, MODELS), 'utf8').split('\n').indexOf('    vendor: mistal-ai') + 1;
    expect(r.stdout).toMatch(
      new RegExp(
        `^policies/registries/models\\.yaml:${line}:13 +models\\[\\d+\\]\\.vendor +vendor "mistal-ai" is not in policies/registries/vendors\\.yaml \\(did you mean "mistral-ai"\\?\\)$`,
        'm',
      ),
    );
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  test('two vendors with one id, and no vendor registry at all, are each named', () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yaml': manifest() });
    copyPolicies(root);
    appendFileSync(join(root, VENDORS), vendor('mistral-ai', false));
    const twice = coe(['check', '--as-of', AS_OF], { cwd: root });
    expect(twice.status).toBe(2);
    expect(twice.stdout).toMatch(
      /^policies\/registries\/vendors\.yaml:\d+:\d+ +vendors\[4\]\.id +id "mistral-ai" appears twice in vendors$/m,
    );

    rmSync(join(root, VENDORS));
    const none = coe(['check', '--as-of', AS_OF], { cwd: root });
    expect(none.status).toBe(2);
    expect(none.stdout).toContain(
      'policies/registries/vendors.yaml:1:1  (file)  no VendorRegistry in the policies (the vendors models come from, and their contracts); add policies/registries/vendors.yaml with kind: VendorRegistry (docs/policies.md)',
    );
  });
});
