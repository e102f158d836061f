// The policy loader (engine/core/policy/load-policies.ts), in-process: the shipped policy files
// with the tests' roles, one file changed, added or removed at a time. A set loads whole or not at
// all, and each mistake is a problem at the line that makes it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../engine/core/check/check-manifests.ts';
import { NotRegularFileError } from '../../engine/core/not-regular.ts';
import { loadPolicies, type PolicySet } from '../../engine/core/policy/load-policies.ts';
import type { Problem } from '../../engine/core/problem.ts';
import { readPolicySources } from '../../engine/fs/read-policies.ts';
import { REPO_ROOT } from '../helpers/repo.ts';

const ROLES = 'policies/registries/roles.yaml';
const RACI = 'policies/registries/raci.yaml';
const RUBRIC = 'policies/registries/rubric.yaml';

/** The shipped policy files, the tests' roles registry in place of the shipped one. */
function shipped(): Map<string, string> {
  const files = new Map<string, string>();
  for (const s of readPolicySources(REPO_ROOT) ?? [])
    files.set(s.file, Buffer.from(s.read()).toString('utf8'));
  files.set(ROLES, readFileSync(join(REPO_ROOT, 'test', 'fixtures', 'roles.yaml'), 'utf8'));
  return files;
}

const sources = (files: Map<string, string>): SourceFile[] =>
  [...files].map(([file, text]) => ({ file, read: () => Buffer.from(text) }));

/** The shipped set with `file` replaced (or added) as `text`, or removed when `text` is null. */
function load(changes: Record<string, string | null> = {}) {
  const files = shipped();
  for (const [file, text] of Object.entries(changes)) {
    if (text === null) files.delete(file);
    else files.set(file, text);
  }
  return loadPolicies(sources(files));
}

function loaded(changes: Record<string, string | null> = {}): PolicySet {
  const out = load(changes);
  if (!out.ok) throw new Error(`expected the set to load: ${out.problems[0]?.message}`);
  return out.policies;
}

function problems(changes: Record<string, string | null>): Problem[] {
  const out = load(changes);
  if (out.ok) throw new Error('expected the set not to load');
  return out.problems;
}

/** A shipped file with one replacement, failing loudly when `from` is not in it. */
function edited(file: string, from: string, to: string): Record<string, string> {
  const text = shipped().get(file) as string;
  if (!text.includes(from)) throw new Error(`${from} is not in ${file}`);
  return { [file]: text.replace(from, to) };
}

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

const policy = (name: string, rules: string) => `apiVersion: coe-gate/v1
kind: Policy
metadata:
  name: ${name}
  title: Extra rules
rules:
${rules}`;

const rule = (id: string, fields = '    require: { present: manifest.metadata.owner }\n') => `  - id: ${id}
    title: An owner is named
    level: soft
${fields}    message: No owner is named.
    remediation: Name the owner in metadata.owner.
`;

describe('the shipped policies', () => {
  it('load whole: every rule once with its policy and file, the registries, the tiering highest tier first', () => {
    const set = loaded();
    const ids = set.rules.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const written = [...shipped().values()].flatMap((t) =>
      [...t.matchAll(/^ {2}- id: (\S+)$/gm)].map((m) => m[1]),
    );
    expect(ids.every((id) => written.includes(id))).toBe(true);
    for (const r of set.rules) {
      expect(r.id.startsWith(`${r.policy}.`)).toBe(true);
      expect(set.files).toContain(r.file);
    }
    expect(set.registries.roles.map((r) => r.id)).toContain('coe-lead');
    expect(Object.values(set.registries.rubric).reduce((a, b) => a + b, 0)).toBeCloseTo(1);
    const order = ['high', 'medium', 'low'];
    const tiers = set.tiering.rules.map((r) => order.indexOf(r.tier));
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    // Shared by every use case judged: nobody may change them halfway.
    expect(Object.isFrozen(set.registries.roles)).toBe(true);
    expect(Object.isFrozen(set.registries.roles[0])).toBe(true);
  });

  it('marks the rules whose when reads the forEach item, to decide the others once per use case', () => {
    const set = loaded({
      'policies/extra.yaml': policy(
        'extra',
        rule(
          'extra.per-source',
          `    forEach: manifest.spec.data.sources
    when: { "==": [{ var: item.classification }, regulated] }
    require: { present: item.personalData }
`,
        ) +
          rule(
            'extra.per-use-case',
            `    forEach: manifest.spec.data.sources
    when: { "==": [{ var: manifest.spec.lifecycle.stage }, pilot] }
    require: { present: item.personalData }
`,
          ),
      ),
    });
    const byId = new Map(set.rules.map((r) => [r.id, r]));
    expect(byId.get('extra.per-source')?.whenReadsItem).toBe(true);
    expect(byId.get('extra.per-use-case')?.whenReadsItem).toBe(false);
  });
});

describe('a set that does not load', () => {
  it('lacks a registry: one problem naming what is missing, at the file that holds it by convention', () => {
    const found = problems({ [RUBRIC]: null });
    expect(found).toEqual([
      expect.objectContaining({
        code: 'policy-set-incomplete',
        file: RUBRIC,
        message:
          'no Rubric in the policies (the weights of the priority score); add policies/registries/rubric.yaml with kind: Rubric (docs/policies.md)',
        line: 1,
        column: 1,
      }),
    ]);
  });

  it('is empty: every part it needs is named, each at its own file', () => {
    const out = loadPolicies([]);
    expect(out.ok).toBe(false);
    expect(out.ok ? [] : out.problems.map((p) => [p.code, p.file])).toEqual([
      ['policy-set-incomplete', 'policies/registries/models.yaml'],
      ['policy-set-incomplete', 'policies/registries/vendors.yaml'],
      ['policy-set-incomplete', 'policies/registries/roles.yaml'],
      ['policy-set-incomplete', 'policies/registries/raci.yaml'],
      ['policy-set-incomplete', RUBRIC],
      ['policy-set-incomplete', 'policies/risk-tiering.yaml'],
    ]);
  });

  it('has a registry twice: the second is the problem, at its kind', () => {
    const second = shipped()
      .get(RUBRIC)
      ?.replace(/^# .*\n/gm, '') as string;
    expect(problems({ 'policies/registries/scoring.yaml': second })).toEqual([
      {
        file: 'policies/registries/scoring.yaml',
        line: 2,
        column: 7,
        endLine: 2,
        endColumn: 13,
        path: 'kind',
        code: 'policy-set-incomplete',
        message: 'a second Rubric; the first is policies/registries/rubric.yaml. Keep one.',
      },
    ]);
  });

  it('has a file of a kind it does not read', () => {
    const [p] = problems({ 'policies/registries/glossary.yaml': 'apiVersion: coe-gate/v1\nkind: Rubrik\n' });
    expect(p).toMatchObject({ code: 'policy-unknown-kind', line: 2, column: 7, path: 'kind' });
    expect(p?.message).toMatch(
      /^kind "Rubrik" is not one CoE Gate reads here; .* \(did you mean "Rubric"\?\)$/,
    );
    const [none] = problems({ 'policies/registries/glossary.yaml': 'apiVersion: coe-gate/v1\n' });
    expect(none?.message).toMatch(/^kind null is not one CoE Gate reads here; use one of Policy, /);
  });

  it('names an import role that is not in the roles registry: at its line in raci.yaml', () => {
    const change = edited(RACI, 'imports: [coe-lead, coe-maintainer]', 'imports: [coe-lead, coe-maintainr]');
    expect(problems(change).map((p) => [p.file, p.line, p.message])).toEqual([
      [
        RACI,
        lineOf(change[RACI] as string, 'coe-maintainr'),
        'role "coe-maintainr" is not in policies/registries/roles.yaml; did you mean "coe-maintainer"?',
      ],
    ]);
  });

  it('has a rule whose id does not start with its policy name', () => {
    const file = 'policies/extra.yaml';
    const text = policy('extra', rule('release-gates.owner-named'));
    expect(problems({ [file]: text })).toEqual([
      expect.objectContaining({
        file,
        code: 'policy-rule-id',
        line: lineOf(text, '- id: release-gates.owner-named'),
        path: 'rules[0].id',
        message: 'rule id "release-gates.owner-named" must start with the policy name "extra."',
      }),
    ]);
  });

  it('has two rules of one id, in one file or two: the later one is named', () => {
    const file = 'policies/extra.yaml';
    const twice = policy('extra', rule('extra.owner-named') + rule('extra.owner-named'));
    expect(problems({ [file]: twice })).toEqual([
      expect.objectContaining({
        code: 'policy-duplicate-rule',
        line: twice.split('\n').findLastIndex((l) => l.includes('- id: extra.owner-named')) + 1,
        path: 'rules[1].id',
        message: 'rule id "extra.owner-named" is already used in policies/extra.yaml; rule ids are unique',
      }),
    ]);
    const [p] = problems(
      edited(
        'policies/lifecycle.yaml',
        '  - id: lifecycle.retirement-recorded',
        '  - id: lifecycle.moving-back',
      ),
    );
    expect(p?.code).toBe('policy-duplicate-rule');
  });

  it('has a condition that cannot be evaluated, in require, when, forEach or a message', () => {
    const file = 'policies/extra.yaml';
    const at = (fields: string) => problems({ [file]: policy('extra', rule('extra.owner-named', fields)) });
    expect(at('    require: { nonemtpy: { var: manifest.metadata.owner } }\n')).toEqual([
      expect.objectContaining({
        code: 'policy-logic',
        line: 10,
        column: 16,
        path: 'rules[0].require.nonemtpy',
        message: 'require: unknown operation "nonemtpy"; did you mean "nonempty"? (see docs/policies.md)',
      }),
    ]);
    expect(
      at(
        '    when: { present: manifest.metadata.ownr }\n    require: { present: manifest.metadata.owner }\n',
      )[0],
    ).toMatchObject({ code: 'policy-logic', path: 'rules[0].when.present' });
    expect(
      at('    forEach: manifest.spec.intake.goal\n    require: { present: manifest.metadata.owner }\n')[0],
    ).toMatchObject({
      code: 'policy-logic',
      path: 'rules[0].forEach',
      message: 'forEach: "manifest.spec.intake.goal" is not a list',
    });
    const template = problems({
      [file]: policy('extra', rule('extra.owner-named')).replace(
        'message: No owner is named.',
        'message: "{{manifest.metadata.ownr}} is not named."',
      ),
    });
    expect(template[0]).toMatchObject({ code: 'policy-logic', path: 'rules[0].message' });
    expect(template[0]?.message).toMatch(/^message: \{\{manifest\.metadata\.ownr\}\} reads /);
  });

  it('has a tiering condition that cannot be evaluated, or a tiering id twice', () => {
    const tiering = 'policies/risk-tiering.yaml';
    const [logic] = problems(
      edited(
        tiering,
        '{ var: manifest.spec.classification.regulatedDomain }',
        '{ var: manifest.spec.classification.regulatedDomian }',
      ),
    );
    expect(logic).toMatchObject({
      code: 'policy-logic',
      path: expect.stringMatching(/^tiering\.prohibited\[0\]\.when\./),
    });
    const [twice] = problems(
      edited(tiering, '- id: automated-employment-decisions', '- id: automated-biometric-identification'),
    );
    expect(twice).toMatchObject({
      code: 'policy-reference',
      path: 'tiering.prohibited[1].id',
      message: 'id "automated-biometric-identification" appears twice in tiering',
    });
  });

  it('defines the tiering twice', () => {
    const text = shipped().get('policies/risk-tiering.yaml') as string;
    const again = text
      .replace('name: risk-tiering', 'name: tiering-again')
      .replace(/\nrules:\n[\s\S]*$/, '\nrules: []\n');
    const found = problems({ 'policies/tiering-again.yaml': again });
    expect(found).toEqual([
      expect.objectContaining({
        file: 'policies/tiering-again.yaml',
        code: 'policy-set-incomplete',
        path: 'tiering',
        message: 'tiering is also defined in policies/risk-tiering.yaml; define it once',
      }),
    ]);
  });

  it('names a role the roles registry does not have, or a rule that cannot be waived', () => {
    const [role] = problems(edited(RACI, '  soft: [coe-lead]', '  soft: [coe-leed]'));
    expect(role).toMatchObject({
      file: RACI,
      code: 'policy-reference',
      path: 'waivers.soft[0]',
      message: `role "coe-leed" is not in ${ROLES}; did you mean "coe-lead"?`,
    });
    const [unknown] = problems(
      edited(RACI, '    release-gates.grounding-evaluation:', '    release-gates.grounding-evaluaton:'),
    );
    expect(unknown?.message).toBe(
      'no rule "release-gates.grounding-evaluaton"; did you mean "release-gates.grounding-evaluation"?',
    );
    const hard = 'release-gates.io-defined';
    const [notSoft] = problems(edited(RACI, '    release-gates.grounding-evaluation:', `    ${hard}:`));
    expect(notSoft?.message).toBe(`${hard} is hard; only soft rules can be waived`);
  });

  it('checks the waiver rules only when every policy file was read: a broken one hides which rules exist', () => {
    const found = problems({
      ...edited(RACI, '    release-gates.grounding-evaluation:', '    release-gates.grounding-evaluaton:'),
      'policies/release-gates.yaml': 'rules: [\n',
    });
    expect(found.map((p) => p.code)).toEqual(['yaml-syntax']);
  });

  it('lists a person twice in one role, whatever the letter case', () => {
    const [p] = problems(
      edited(ROLES, 'members: ["@mtanaka", "@sbrennan"]', 'members: ["@mtanaka", "@MTanaka"]'),
    );
    expect(p).toMatchObject({
      file: ROLES,
      code: 'policy-reference',
      path: 'roles[0].members[1]',
      message: '@mtanaka is listed twice (letter case does not count)',
    });
  });

  it('has models and vendors that do not hold together: each named at its line', () => {
    const MODELS = 'policies/registries/models.yaml';
    const VENDORS = 'policies/registries/vendors.yaml';
    const models = shipped().get(MODELS) as string;
    const unknown = problems(edited(MODELS, 'vendor: aws-bedrock', 'vendor: aws-bedrok'));
    expect(unknown).toEqual([
      expect.objectContaining({
        file: MODELS,
        code: 'policy-reference',
        line: lineOf(models, 'vendor: aws-bedrock'),
        path: 'models[1].vendor',
        message: `vendor "aws-bedrok" is not in ${VENDORS} (did you mean "aws-bedrock"?)`,
      }),
    ]);
    const dated = problems(
      edited(MODELS, 'status: deprecated\n', 'status: deprecated\n    withdrawnOn: 2027-01-31\n'),
    );
    expect(dated).toEqual([
      expect.objectContaining({
        file: MODELS,
        path: 'models[6].withdrawnOn',
        message: 'withdrawnOn is set but the status is deprecated; set status: withdrawn, or remove the date',
      }),
    ]);
    const backwards = problems(edited(VENDORS, 'nextReview: 2027-08-01', 'nextReview: 2026-07-31'));
    expect(backwards).toEqual([
      expect.objectContaining({
        file: VENDORS,
        path: 'vendors[1].contract.nextReview',
        message:
          'nextReview 2026-07-31 is before reviewedOn 2026-08-01; set the date the contract is next due to be checked',
      }),
    ]);
  });

  it('has rubric weights that do not add up to 1', () => {
    const [p] = problems(edited(RUBRIC, 'value: 0.35', 'value: 0.25'));
    expect(p).toMatchObject({
      file: RUBRIC,
      code: 'policy-reference',
      path: 'weights',
      message: 'the weights add up to 0.9; make them add up to 1',
    });
  });

  it('has a file that is not valid, or not a regular file: named, and nothing else is judged with', () => {
    expect(problems(edited(RUBRIC, 'value: 0.35', 'value: lots'))[0]?.code).toBe('schema-invalid-value');
    const files = shipped();
    const link: SourceFile = {
      file: 'policies/registries/models.yaml',
      read: () => {
        throw new NotRegularFileError('symlink', 'to /etc/passwd');
      },
    };
    const out = loadPolicies([...sources(files).filter((s) => s.file !== link.file), link]);
    expect(out.ok).toBe(false);
    expect(out.ok ? [] : out.problems).toEqual([
      expect.objectContaining({
        file: link.file,
        code: 'file-not-regular',
        message: expect.stringMatching(/^is a symbolic link \(to \/etc\/passwd\)/),
      }),
    ]);
  });
});
