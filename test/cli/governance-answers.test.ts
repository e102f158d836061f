// Answers a compliance officer found wrong, tried again through the real CLI on a real repository:
// an automated credit decision in production with no impact assessment, CV ranking that recruiters
// decide on, and emotion scoring of call-centre staff.
import { describe, expect, test } from 'vitest';
import { coe, copyPolicies, makeRepo, manifest } from '../helpers/repo.ts';

const AS_OF = ['--as-of', '2026-11-24'];
const NONE_PROHIBITED = `      prohibitedPractices:
        manipulation: false
        exploitsVulnerabilities: false
        socialScoring: false
        crimePrediction: false
        facialScraping: false
        emotionRecognitionAtWork: false
        biometricCategorisation: false
        realTimeRemoteBiometricId: false
`;

interface UseCaseResult {
  id: string;
  blocked: boolean;
  tier: { computed: string; reasons: string[] };
  findings?: { rule: string; level: string; message: string }[];
}

/** Judges one manifest with the shipped policies; `edit` rewrites the test manifest's text. */
function judge(id: string, edit: (text: string) => string): UseCaseResult {
  const root = makeRepo({ [`usecases/hr/${id}.yaml`]: edit(manifest(id, 'hr')) });
  copyPolicies(root);
  const r = coe(['check', ...AS_OF, '--format', 'json'], { cwd: root });
  const report = JSON.parse(r.stdout) as { problems: unknown[]; useCases: UseCaseResult[] };
  expect(report.problems).toEqual([]);
  const [u] = report.useCases;
  return u as UseCaseResult;
}
const rules = (u: UseCaseResult) => (u.findings ?? []).map((f) => f.rule);

describe('governance answers, as a compliance officer tries them', () => {
  test('an automated credit decision in production with no impact assessment is blocked, and says so', () => {
    const u = judge('credit-limit-decider', (t) =>
      t
        .replace('decisionMode: assistive', 'decisionMode: automated')
        .replace('regulatedDomain: insurance', 'regulatedDomain: credit')
        .replace('riskTier: medium', 'riskTier: high')
        .replace('stage: intake', 'stage: production'),
    );
    expect(u.blocked).toBe(true);
    const finding = u.findings?.find((f) => f.rule === 'records.impact-assessment');
    expect(finding).toMatchObject({
      level: 'hard',
      message: 'A high-tier use case is at production with no impact assessment.',
    });
  });

  test('CV ranking that recruiters decide on computes high from Annex III 4(a), not medium', () => {
    const classify = (t: string) =>
      t
        .replace('regulatedDomain: insurance', 'regulatedDomain: employment')
        .replace(
          '    riskTier: medium\n',
          `    riskTier: medium\n    euAiAct:\n      role: deployer\n${NONE_PROHIBITED}      annexIII: 4(a)\n      profiling: true\n`,
        );
    const u = judge('cv-ranker', classify);
    expect(u.tier.computed).toBe('high');
    expect(u.tier.reasons).toContain(
      'falls under an Annex III point of the AI Act with no Art. 6(3) derogation that applies',
    );
    expect(rules(u)).toContain('risk-tiering.declared-not-below-computed');
    // The decision mode is what it was before: assistive. Without the AI Act answers it is medium.
    const unanswered = judge('cv-ranker', (t) =>
      t.replace('regulatedDomain: insurance', 'regulatedDomain: employment'),
    );
    expect(unanswered.tier.computed).toBe('medium');
  });

  test('emotion scoring of call-centre staff is refused as an Art. 5 practice, at intake already', () => {
    const u = judge('agent-emotion-score', (t) =>
      t
        .replace('regulatedDomain: insurance', 'regulatedDomain: employment')
        .replace(
          '    riskTier: medium\n',
          `    riskTier: medium\n    euAiAct:\n      role: deployer\n${NONE_PROHIBITED.replace('emotionRecognitionAtWork: false', 'emotionRecognitionAtWork: true')}      annexIII: 1(c)\n      profiling: true\n`,
        ),
    );
    expect(u.tier.computed).toBe('prohibited');
    expect(u.blocked).toBe(true);
    const refusal = u.findings?.find((f) => f.rule === 'risk-tiering.not-prohibited');
    expect(refusal?.message).toMatch(
      /infers the emotions of people at work or in education, a practice the AI Act prohibits \(Art\. 5\(1\)\(f\)\)/,
    );
  });
});
