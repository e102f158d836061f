// The manifest `coe new` writes: valid at the intake stage, with each field the team fills
// next marked TODO. Written as text, not dumped, so the guidance comments survive.
import { load } from 'js-yaml';
import type { Classification } from '../../schema/usecase.gen.ts';
import schema from '../../schema/usecase.schema.json' with { type: 'json' };
import { OWNER_PLACEHOLDER, TODO } from './placeholders.ts';
import { PATTERNS, type Pattern } from './vocabulary.ts';

export { TODO };

export const SCHEMA_MODELINE = '# yaml-language-server: $schema=../../engine/schema/usecase.schema.json';
/** Where the schemas are in a repository that installed the package (coe init writes one). */
export const INSTALLED_SCHEMAS = 'node_modules/coe-gate/engine/schema';

/**
 * A file's editor modeline, pointed at the installed package's schemas instead of this repository's
 * `engine/schema/`: an adopting repository has no engine/, and its editor finds them offline there.
 */
export function withInstalledSchemas(text: string): string {
  return text.replace(
    /^(# yaml-language-server: \$schema=(?:\.\.\/)+)engine\/schema\//m,
    `$1${INSTALLED_SCHEMAS}/`,
  );
}

/**
 * The classification questions that have no default: only the team knows the answer, and a guess
 * written for them would be judged as if it were theirs.
 */
export const UNDEFAULTED = ['audience', 'decisionMode', 'regulatedDomain'] as const;
export type Undefaulted = (typeof UNDEFAULTED)[number];

/** The answers the schema allows for each of them, read from it (TODO, "not answered", aside). */
export const ALLOWED: Record<Undefaulted, readonly string[]> = {
  audience: answers(schema.$defs.Classification.properties.audience.enum),
  decisionMode: answers(schema.$defs.Classification.properties.decisionMode.enum),
  regulatedDomain: answers(schema.$defs.Classification.properties.regulatedDomain.enum),
};

function answers(values: readonly string[]): string[] {
  return values.filter((v) => v !== TODO);
}

export interface ScaffoldInput extends Partial<Pick<Classification, Undefaulted>> {
  id: string;
  domain: string;
  title: string;
  pattern: Pattern;
  owner: string;
  /** YYYY-MM-DD */
  today: string;
}

/** `value` as YAML that reads back as that text: bare when it would, else in quotes (35, true, 0x1a). */
function plain(value: string): string {
  let read: unknown;
  try {
    read = load(value);
  } catch {
    read = undefined;
  }
  return read === value ? value : JSON.stringify(value);
}

/**
 * One classification line: the answer with the allowed values beside it, or, unanswered, TODO:
 * a placeholder the tier reads as the riskier answer and the lifecycle rules flag until it is given.
 */
function answer(key: Undefaulted, value: string | undefined): string {
  const allowed = ALLOWED[key].join(' | ');
  return value === undefined
    ? `    ${key}: ${TODO}  # no default; answer before discovery: ${allowed}\n`
    : `    ${key}: ${value}  # ${allowed}\n`;
}

/**
 * The AI Act's questions, all TODO: the prohibited practices (Art. 5(1)) are written out one per
 * line with the question from the schema beside each, so none can be skipped by accident.
 */
function euAiActBlock(): string {
  const ai = schema.$defs.EuAiAct.properties;
  const practices = Object.entries(ai.prohibitedPractices.properties)
    .map(([key, p]) => `        ${key}: ${TODO}  # ${p.description}\n`)
    .join('');
  const points = answers(ai.annexIII.enum).filter((v) => v !== 'none');
  const cases = ai.transparency.items.enum.join(' | ');
  return `    euAiAct:  # the AI Act's own questions; until answered, the tier assumes the riskier answer
      role: ${TODO}  # ${answers(ai.role.enum).join(' | ')}
      prohibitedPractices:  # Art. 5(1): true for any of them refuses the use case
${practices}      annexIII: ${TODO}  # none, or the Annex III point it falls under: ${points.join(', ')}
      profiling: ${TODO}  # true | false: does it evaluate personal aspects of people (performance, finances, health, behaviour)?
      # derogation: { ground: preparatory-task, assessment: "why it poses no significant risk" }  # Art. 6(3); never with profiling
      # transparency: []  # Art. 50 cases that apply: ${cases}
`;
}

export function renderScaffold(x: ScaffoldInput): string {
  const q = (s: string) => JSON.stringify(s);
  return `${SCHEMA_MODELINE}
# A new use case at the intake stage. Fill in every line marked ${TODO}, then run:
#   coe check usecases/${x.domain}/${x.id}.yaml
# Field reference: docs/manifest.md
apiVersion: coe-gate/v1
kind: UseCase
metadata:
  id: ${plain(x.id)}
  title: ${q(x.title)}
  domain: ${plain(x.domain)}
  owner: ${q(x.owner)}${x.owner === OWNER_PLACEHOLDER ? `  # ${TODO}: accountable GitHub user or team, e.g. "@acme/claims-ai"` : ''}
  # champion: "@login"  # ${TODO}: domain champion who speaks for the users
  created: ${x.today}
spec:
  intake:
    goal: ${q(`${TODO}: the business goal in one or two sentences`)}
    goalType: cost  # ${TODO}: revenue | cost | risk | customer-experience
    users:
      who: ${q(`${TODO}: the people or roles who use it`)}
      frequency: daily  # ${TODO}: continuous | daily | weekly | monthly | occasional
    io:
      inputs: ${q(`${TODO}: what comes in`)}
      outputs: ${q(`${TODO}: what must come out`)}
      goodLooksLike: ${q(`${TODO}: how a reviewer tells a good output from a bad one`)}
    roi: []  # ${TODO}: add { metric, unit, baseline, target } for each expected gain
    # scores: { value: 3, feasibility: 3, dataReadiness: 3, risk: 3, adoption: 3 }  # ${TODO}: 1-5 each, for prioritisation
  classification:
    pattern: ${x.pattern}  # ${PATTERNS.join(' | ')}
${UNDEFAULTED.map((key) => answer(key, x[key])).join('')}${euAiActBlock()}    riskTier: medium  # ${TODO}: low | medium | high; coe check compares it with the computed tier
  data:
    sources: []  # ${TODO}: add { name, system, classification, personalData } for each source
  # Later, by tier (policies/records.yaml, docs/manifest.md): before pilot the impact assessment
  # (spec.responsibleAI.impactAssessment), the risk register (spec.risks), logging and fail-safe
  # (spec.operations.logging, .failSafe), operator training and a feedback channel
  # (spec.responsibleAI.training, .feedback) and the next review date; before production, for high
  # tier, an independent review (spec.responsibleAI.independentReview). From mvp every tool in
  # spec.tools has a scope (admin only with a justification); from pilot the model, prompt and
  # workflow versions are pinned (spec.models[].version, spec.versions) and each evaluation suite
  # names the versions it evaluated (evaluated); fairness set aside (relevant: false) gives a reason.
  lifecycle:
    stage: intake
`;
}
