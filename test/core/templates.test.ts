// The CoE templates in docs/templates/ say what the engine decides: each is read as data (its
// tables, backticked names and links) and compared with the schema, registries, policies and
// commands it restates. Each check also runs once on a changed input, to show it can fail.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../helpers/repo.ts';
import {
  checkIntakeForm,
  checkNames,
  checkPatterns,
  checkRaci,
  checkRiskChecklist,
  checkRolesAndStages,
  checkRubric,
  checkSettings,
  type Raci,
  type Rule,
  registeredCommands,
  SchemaFields,
  type Tiering,
} from '../helpers/templates.ts';

const read = (path: string) => readFileSync(join(REPO_ROOT, path), 'utf8');
const yaml = <T>(path: string) => load(read(path)) as T;
const doc = (name: string) => read(`docs/templates/${name}`);

const schemaJson = JSON.parse(read('engine/schema/usecase.schema.json'));
const schema = new SchemaFields(schemaJson);
const STAGES = schema.enumOf('spec.lifecycle.stage');
const roleIds = yaml<{ roles: { id: string }[] }>('policies/registries/roles.yaml').roles.map((r) => r.id);
const raci = yaml<Raci>('policies/registries/raci.yaml');
const weights = yaml<{ weights: Record<string, number> }>('policies/registries/rubric.yaml').weights;
const policies = readdirSync(join(REPO_ROOT, 'policies'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) =>
    yaml<{ kind: string; metadata: { name: string }; rules?: Rule[]; tiering?: Tiering }>(`policies/${f}`),
  )
  .filter((p) => p.kind === 'Policy');
const rules = new Map(policies.flatMap((p) => p.rules ?? []).map((r) => [r.id, r]));
const riskTiering = policies.find((p) => p.tiering) as { tiering: Tiering; rules: Rule[] };
const scoreDef = schemaJson.$defs.Score as { minimum: number; maximum: number };

/** A copy with one piece of text replaced; fails loudly if the text is not there. */
function changed(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}
const clone = <T>(x: T): T => structuredClone(x);

describe('docs/templates/intake-form.md', () => {
  const form = doc('intake-form.md');

  it('names only schema fields, in their section, each with the schema’s answer to "required at intake", and every required field', () => {
    expect(checkIntakeForm(form, schema, rules, STAGES)).toEqual([]);
  });

  it('fails for a required field left out, a wrong answer, an unknown path, a rule at the wrong stage', () => {
    const dropped = form.replace(/^\| `spec\.intake\.goal` .*\n/m, '');
    expect(checkIntakeForm(dropped, schema, rules, STAGES)).toEqual([
      'spec.intake.goal: required at intake by the schema, missing from the form',
    ]);
    const wrong = changed(form, '| about how many of them | no |', '| about how many of them | yes |');
    expect(checkIntakeForm(wrong, schema, rules, STAGES)).toEqual([
      'spec.intake.users.count: the form says required at intake "yes", the schema says "no"',
    ]);
    const renamed = changed(form, '`spec.intake.goalType`', '`spec.intake.goalKind`');
    expect(checkIntakeForm(renamed, schema, rules, STAGES)).toEqual([
      'spec.intake.goalKind: not a field of the manifest schema',
      'spec.intake.goalType: required at intake by the schema, missing from the form',
    ]);
    const late = changed(
      form,
      '| `discovery` (`release-gates.io-defined`) |',
      '| `pilot` (`release-gates.io-defined`) |',
    );
    expect(checkIntakeForm(late, schema, rules, STAGES)).toEqual([
      'spec.intake.io.inputs: release-gates.io-defined first applies at discovery, not pilot',
    ]);
  });

  it('fails when the schema starts requiring a field the form calls optional', () => {
    const stricter = clone(schemaJson);
    stricter.$defs.Intake.required.push('dependencies');
    expect(checkIntakeForm(form, new SchemaFields(stricter), rules, STAGES)).toEqual([
      'spec.intake.dependencies: the form says required at intake "no", the schema says "yes"',
    ]);
  });
});

describe('docs/templates/prioritisation-rubric.md', () => {
  const rubric = doc('prioritisation-rubric.md');
  const range: [number, number] = [scoreDef.minimum, scoreDef.maximum];

  it('shows the criteria and weights of rubric.yaml, the schema’s scale, and an example the weights compute', () => {
    expect(checkRubric(rubric, weights, range)).toEqual([]);
  });

  it('fails when a weight changes in rubric.yaml, or a criterion is added', () => {
    expect(checkRubric(rubric, { ...weights, value: 0.3, feasibility: 0.25 }, range)).toEqual([
      'value: weight 0.35 on the page, 0.3 in rubric.yaml',
      'feasibility: weight 0.2 on the page, 0.25 in rubric.yaml',
      'the example weighs value 0.35; rubric.yaml says 0.3',
      "the example's weighted value is 1.4; 4 × 0.3 is 1.2",
      'the example weighs feasibility 0.2; rubric.yaml says 0.25',
      "the example's weighted feasibility is 0.6; 3 × 0.25 is 0.75",
      "the example's priority is 3.3; the weights give 3.25",
    ]);
    expect(checkRubric(rubric, { ...weights, reuse: 0 }, range)).toEqual([
      'reuse: in rubric.yaml (weight 0), not on the page',
      'the scale describes [adoption, dataReadiness, feasibility, risk, value], the rubric has [adoption, dataReadiness, feasibility, reuse, risk, value]',
      'the example scores [adoption, dataReadiness, feasibility, risk, value], the rubric has [adoption, dataReadiness, feasibility, reuse, risk, value]',
    ]);
    expect(checkRubric(rubric, weights, [0, 5])).toEqual([
      "the scale runs [1, 3, 5]; the schema's scores run 0 to 5",
    ]);
  });
});

describe('docs/templates/raci-baseline.md', () => {
  const page = doc('raci-baseline.md');

  it('has an A exactly where raci.yaml asks for a role, and the same watched changes, waivers and repository approvers', () => {
    expect(checkRaci(page, raci, roleIds, STAGES)).toEqual([]);
  });

  it('fails for an approval raci.yaml drops or adds, in either direction', () => {
    const fewer = clone(raci);
    fewer.approvals = fewer.approvals.filter((a) => !(a.to === 'discovery' && a.tiers?.includes('high')));
    expect(checkRaci(page, fewer, roleIds, STAGES)).toEqual([
      'discovery × privacy-lead: the page has A at [high], raci.yaml asks for the role at []',
    ]);
    const more = clone(raci);
    more.approvals.push({ to: 'mvp', tiers: ['medium'], roles: ['security-lead'] });
    expect(checkRaci(page, more, roleIds, STAGES)).toEqual([
      'mvp × security-lead: the page has A at [], raci.yaml asks for the role at [medium]',
    ]);
    const cell = changed(
      page,
      '| `mvp` | I | — | A | C | C | C | — | A |',
      '| `mvp` | I | — | A | C | C | C | — | A (high) |',
    );
    expect(checkRaci(cell, raci, roleIds, STAGES)).toEqual([
      'mvp × platform-architect: the page has A at [high], raci.yaml asks for the role at [high, low, medium]',
    ]);
  });

  it('fails for a changed watched change, waiver role, waiver length or repository approver', () => {
    const other = clone(raci);
    const tools = (other.changes ?? []).findIndex((c) => c.field === 'spec.tools');
    (other.changes ?? [])[tools] = { field: 'spec.tools', stages: ['production'], roles: ['security-lead'] };
    other.waivers.rules = { ...other.waivers.rules, 'release-gates.adversarial-testing': ['security-lead'] };
    other.waivers.maxDays = 60;
    other.policyChanges = ['coe-maintainer', 'coe-lead'];
    expect(checkRaci(page, other, roleIds, STAGES)).toEqual([
      'watched change spec.tools at [production] by [security-lead]: in raci.yaml, not on the page',
      'watched change spec.tools at [pilot, production] by [security-lead]: on the page, not in raci.yaml',
      'waiver of release-gates.adversarial-testing: granted by [responsible-ai-lead] on the page, [security-lead] in raci.yaml',
      'waivers last at most 90 days on the page, 60 in raci.yaml',
      'policyChanges: approved by [coe-maintainer] on the page, [coe-lead, coe-maintainer] in raci.yaml',
    ]);
  });
});

describe('docs/templates/risk-tiering-checklist.md', () => {
  const page = doc('risk-tiering-checklist.md');
  const { tiering, rules: tierRules } = riskTiering;

  it('asks one question per tiering condition, with its id, tier and fields, and lists the policy’s rules', () => {
    expect(checkRiskChecklist(page, tiering, tierRules)).toEqual([]);
  });

  it('fails when the policy moves a condition to another tier, reads another field, or adds one', () => {
    const other = clone(tiering);
    const entry = (id: string) => other.rules.find((r) => r.id === id) as { tier: string; when: unknown };
    entry('customer-facing').tier = 'high';
    entry('agent-with-tools').when = {
      '==': [{ var: 'manifest.spec.design.approach' }, 'agentic'],
    };
    other.rules.push({
      id: 'many-users',
      tier: 'medium',
      when: { '>': [{ var: 'manifest.spec.intake.users.count' }, 1000] },
      reason: 'has many users',
    });
    expect(checkRiskChecklist(page, other, tierRules)).toEqual([
      'customer-facing: leads to high, the checklist says medium',
      'agent-with-tools: the question names [spec.classification.pattern], the condition reads [spec.design.approach]',
      'many-users: a condition of the tiering (medium) the checklist does not ask',
    ]);
  });

  it('fails for a question citing an id the policy lacks, a new default, a rule’s level', () => {
    const cited = changed(page, '| medium | `regulated-domain` |', '| medium | `regulated-area` |');
    expect(checkRiskChecklist(cited, tiering, tierRules)).toEqual([
      'regulated-area: no tiering condition has this id',
      'regulated-domain: a condition of the tiering (medium) the checklist does not ask',
    ]);
    const softer = tierRules.map((r) =>
      r.id === 'risk-tiering.high-tier-rationale' ? { ...r, level: 'hard' } : r,
    );
    expect(checkRiskChecklist(page, { ...tiering, default: 'medium' }, softer)).toEqual([
      'the default tier is medium, the checklist says low',
      'risk-tiering.high-tier-rationale: advisory on the page, hard in the policy',
    ]);
  });
});

describe('docs/templates/reference-architectures.md', () => {
  const page = doc('reference-architectures.md');
  const patterns = schema.enumOf('spec.classification.pattern');
  const all = [...rules.values()];

  it('describes exactly the schema’s patterns, each naming the rules limited to it', () => {
    expect(patterns).toHaveLength(3);
    expect(checkPatterns(page, patterns, all)).toEqual([]);
  });

  it('fails when the schema gains a pattern, or a rule is limited to a pattern whose section omits it', () => {
    const limited = {
      id: 'release-gates.citations',
      level: 'hard',
      appliesTo: { patterns: ['internal-copilot'] },
    };
    expect(checkPatterns(page, [...patterns, 'batch-scoring'], [...all, limited])).toEqual([
      "the page describes [agentic-workflow, ai-in-product, internal-copilot]; the schema's patterns are [agentic-workflow, ai-in-product, batch-scoring, internal-copilot]",
      'release-gates.citations applies to internal-copilot only, and its section does not name it',
    ]);
  });
});

describe('roles and stages in the charter, the catalogue and the RACI', () => {
  it('the charter lists every role of roles.yaml and names no other', () => {
    expect(checkRolesAndStages(doc('coe-charter.md'), roleIds, STAGES, { allRoles: true })).toEqual([]);
  });

  it('the catalogue and the RACI name only roles and stages that exist, and every service has a provider', () => {
    expect(checkRolesAndStages(doc('service-catalogue.md'), roleIds, STAGES)).toEqual([]);
    expect(checkRolesAndStages(doc('raci-baseline.md'), roleIds, STAGES)).toEqual([]);
  });

  it('fails when a role is renamed in roles.yaml or a stage is not one', () => {
    const renamed = roleIds.map((r) => (r === 'legal-compliance' ? 'legal' : r));
    expect(checkRolesAndStages(doc('coe-charter.md'), renamed, STAGES, { allRoles: true })).toEqual([
      'legal-compliance: in column "role", not a role in roles.yaml',
      'the roles table lists [coe-lead, coe-maintainer, domain-champion, legal-compliance, platform-architect, privacy-lead, product-lead, responsible-ai-lead, security-lead]; roles.yaml has [coe-lead, coe-maintainer, domain-champion, legal, platform-architect, privacy-lead, product-lead, responsible-ai-lead, security-lead]',
    ]);
    const catalogue = changed(
      doc('service-catalogue.md'),
      '| `legal-compliance` | `pilot`, `production` |',
      '| `legal-compliance` | `pilot`, `live` |',
    );
    expect(checkRolesAndStages(catalogue, renamed, STAGES)).toEqual([
      'legal-compliance: in column "provided by", not a role in roles.yaml',
      'live: in column "stage it serves", not a lifecycle stage',
    ]);
  });
});

describe('docs/templates/90-day-launch-plan.md', () => {
  const plan = doc('90-day-launch-plan.md');
  const action = read('docs/action.md');

  it('turns on only GitHub settings docs/action.md describes, by the names it uses', () => {
    expect(checkSettings(plan, action)).toEqual([]);
  });

  it('fails for a setting docs/action.md does not describe', () => {
    const other = changed(plan, '| merge queue |', '| auto-merge |');
    expect(checkSettings(other, action)).toEqual(['"auto-merge": not a setting docs/action.md describes']);
    const dropped = changed(action, 'allow no\n   bypass', 'allow\n   bypass');
    expect(checkSettings(plan, dropped)).toEqual([
      '"allow no bypass": not a setting docs/action.md describes',
    ]);
  });
});

describe('every template', () => {
  const commands = registeredCommands(REPO_ROOT);
  const names = {
    root: REPO_ROOT,
    commands,
    schema,
    rules,
    policyNames: policies.map((p) => p.metadata.name),
    notPaths: [schemaJson.properties.apiVersion.const as string],
  };
  const files = readdirSync(join(REPO_ROOT, 'docs/templates')).filter((f) => f.endsWith('.md'));

  it('main.ts registers the commands the templates may name', () => {
    expect(registeredCommands(REPO_ROOT)).toEqual(
      expect.arrayContaining(['check', 'new', 'test', 'explain', 'impact']),
    );
  });

  it.each(files)(
    '%s names only commands, files, fields and rules that exist, and its links lead somewhere',
    (file) => {
      expect(checkNames(doc(file), `docs/templates/${file}`, names)).toEqual([]);
    },
  );

  it('fails for an unknown command, a missing file, field or rule, and a dead link', () => {
    const page = [
      'Run `npx coe frobnicate` and `coe audit --since 2026-01-01`, then:',
      '```sh\nnpx coe portfolio --html out.html\nnpx coe publish\n```',
      'Edit `policies/registries/teams.yaml` and `usecases/<domain>/<id>.yaml`; set `spec.intake.budget`.',
      'See `release-gates.penetration-test`, `lifecycle.one-stage-at-a-time` and [the plan](missing-plan.md).',
    ].join('\n');
    expect(checkNames(page, 'docs/templates/example.md', names)).toEqual([
      'coe frobnicate: not a command of the coe CLI',
      'coe publish: not a command of the coe CLI',
      'policies/registries/teams.yaml: no such file or folder in the repository',
      'spec.intake.budget: not a field of the manifest schema',
      'release-gates.penetration-test: not a rule of the policies',
      'missing-plan.md: the link leads nowhere',
    ]);
  });

  it('are all listed in docs/templates/README.md, which README.md and docs/ link to', () => {
    const index = doc('README.md');
    const missing = files.filter((f) => f !== 'README.md' && !index.includes(`](${f})`));
    expect(missing).toEqual([]);
    expect(read('README.md')).toContain('](docs/templates/README.md)');
    expect(read('docs/manifest.md')).toContain('](templates/README.md)');
  });
});
