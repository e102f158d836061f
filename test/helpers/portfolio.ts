// A repository whose portfolio is known exactly: five use cases over three domains and two years,
// reaching their stages through dated commits,
// with the shipped policies and known assets and settings. Shared by the CLI and dashboard tests.
import { commitAt, gitRepo, write } from './git.ts';
import { MODELINE } from './repo.ts';

export const AS_OF = '2026-12-01';

export const ASSETS = `apiVersion: coe-gate/v1
kind: AssetRegistry
assets:
  - id: claims-connector
    kind: connector
    title: Claims system connector
    owner: "@acme/platform"
  - id: leakage-evals
    kind: evaluation-set
    title: Personal data leakage checks
    owner: "@acme/rai"
  - id: approval-flow
    kind: workflow-template
    title: Human approval before any write
    owner: "@acme/platform"
`;

export const SETTINGS = `apiVersion: coe-gate/v1
kind: PortfolioSettings
currency: EUR
loadedHourlyRate: 50
stalledAfterDays: 45
`;

interface Variant {
  id: string;
  domain: string;
  title: string;
  stage: string;
  created: string;
  tier?: string;
  intake?: string;
  spec?: string;
  operations?: string;
  lifecycle?: string;
}

export function useCase(v: Variant): string {
  return `${MODELINE}
apiVersion: coe-gate/v1
kind: UseCase
metadata:
  id: ${v.id}
  title: ${v.title}
  domain: ${v.domain}
  owner: "@acme/${v.domain}"
  created: ${v.created}
spec:
  intake:
    goal: ${v.title}, so the team spends its time on the cases that need judgement.
    goalType: cost
    users:
      who: Operations staff
      frequency: daily
${v.intake ?? ''}  classification:
    pattern: internal-copilot
    audience: internal
    decisionMode: assistive
    regulatedDomain: insurance
    riskTier: ${v.tier ?? 'medium'}
  data:
    sources:
      - name: Case records
        system: Core system
        classification: confidential
        personalData: personal
${v.operations ? `  operations:\n${v.operations}` : ''}${v.spec ?? ''}  lifecycle:
    stage: ${v.stage}
${v.lifecycle ?? ''}`;
}

const scores = (value: number, feasibility: number, dataReadiness: number, risk: number, adoption: number) =>
  `    scores:\n      value: ${value}\n      feasibility: ${feasibility}\n      dataReadiness: ${dataReadiness}\n      risk: ${risk}\n      adoption: ${adoption}\n`;

export const FILES: Record<string, string> = {
  'usecases/claims/alpha-bot.yaml': useCase({
    id: 'alpha-bot',
    domain: 'claims',
    title: 'Alpha <b>intake</b> & triage',
    stage: 'intake',
    created: '2026-01-15',
    intake: scores(5, 4, 3, 2, 1),
    spec: '  reuses: [claims-connector]\n',
  }),
  'usecases/claims/beta-bot.yaml': useCase({
    id: 'beta-bot',
    domain: 'claims',
    title: 'Beta recovery agent',
    stage: 'pilot',
    created: '2026-02-01',
    intake: scores(4, 4, 4, 4, 4),
    spec: '  reuses: [claims-connector, approval-flow]\n',
  }),
  'usecases/finance/gamma-bot.yaml': useCase({
    id: 'gamma-bot',
    domain: 'finance',
    title: 'Gamma invoice matcher',
    stage: 'production',
    created: '2025-11-03',
    intake:
      '    roi:\n      - metric: Clerk hours a month\n        unit: hours\n        baseline: 100\n        target: 20\n',
    operations: [
      '    adoption:\n      activeUsers: 120\n      retention: 0.8\n      date: 2026-10-31\n',
      '    costPerRequest: 0.02\n',
      '    incidents:\n',
      '      - date: 2026-03-02\n        severity: sev2\n        summary: Matched two invoices to one order\n',
      '      - date: 2026-07-14\n        severity: sev3\n        summary: Slow for an hour\n',
    ].join(''),
    spec: '  provides: [claims-connector]\n  reuses: [leakage-evals]\n',
    lifecycle: [
      '    value:\n',
      '      - metric: Clerk hours a month\n        actual: 30\n        hoursSavedPerMonth: 70\n        date: 2026-09-30\n',
      '      - metric: Clerk hours a month\n        actual: 40\n        hoursSavedPerMonth: 60\n        date: 2026-06-30\n',
    ].join(''),
  }),
  'usecases/finance/delta-bot.yaml': useCase({
    id: 'delta-bot',
    domain: 'finance',
    title: 'Delta report writer',
    stage: 'retired',
    created: '2026-04-10',
    tier: 'low',
    operations: '    adoption:\n      activeUsers: 5\n      date: 2026-03-31\n',
  }),
  'usecases/hr/epsilon-bot.yaml': useCase({
    id: 'epsilon-bot',
    domain: 'hr',
    title: 'Epsilon policy helper',
    stage: 'discovery',
    created: '2026-04-20',
  }),
};

/**
 * How each use case reached its stage, as dated commits on main (oldest first): [date, file, stage].
 * The last entry of a file puts it at its stage in FILES. Flow numbers as of AS_OF (2026-12-01):
 * intake → pilot: beta 90 days, gamma 70 (median 70, p90 90); pilot → production: gamma 90;
 * days in stage: alpha 320, beta 213, gamma 233, epsilon 225; stalled (no change for over 45 days,
 * not live or retired): alpha, beta and epsilon.
 */
export const HISTORY: readonly (readonly [string, string, string])[] = [
  ['2025-11-03', 'usecases/finance/gamma-bot.yaml', 'intake'],
  ['2026-01-12', 'usecases/finance/gamma-bot.yaml', 'pilot'],
  ['2026-01-15', 'usecases/claims/alpha-bot.yaml', 'intake'],
  ['2026-02-01', 'usecases/claims/beta-bot.yaml', 'intake'],
  ['2026-04-10', 'usecases/finance/delta-bot.yaml', 'intake'],
  ['2026-04-12', 'usecases/finance/gamma-bot.yaml', 'production'],
  ['2026-04-20', 'usecases/hr/epsilon-bot.yaml', 'discovery'],
  ['2026-05-02', 'usecases/claims/beta-bot.yaml', 'pilot'],
  ['2026-08-01', 'usecases/finance/delta-bot.yaml', 'retired'],
];

/** The known portfolio in a git repository: HISTORY's commits, then the settings and assets. */
export function portfolioRepo(extra: Record<string, string> = {}): string {
  const root = gitRepo({});
  for (const [date, file, stage] of HISTORY) {
    const text = FILES[file] as string;
    write(root, file, text.replace(/^ {4}stage: \S+$/m, `    stage: ${stage}`));
    commitAt(root, `${file}: ${stage}`, date);
  }
  const files = {
    'policies/registries/assets.yaml': ASSETS,
    'policies/registries/portfolio.yaml': SETTINGS,
    ...extra,
  };
  for (const [path, text] of Object.entries(files)) write(root, path, text);
  commitAt(root, 'the portfolio settings and assets', '2026-11-20');
  return root;
}
