// The report as SARIF 2.1.0, so GitHub code scanning (or any SARIF viewer) shows each finding on
// its line. Levels: hard → error, soft → warning, advisory → note. Every rule of the policy set
// and every kind of input problem is described (a viewer explains a rule that did not fire too).
// A waived finding is left out: code scanning does not honour SARIF suppressions and would show it
// as open; the other reports list it with its waiver. A viewer reads `[text](target)` in a message
// as a link, so every text goes through escape.ts's sarifText, and help markdown through markdownText.
import { createHash } from 'node:crypto';
import type { CheckReport } from '../core/check/report.ts';
import type { LoadedRule } from '../core/policy/load-policies.ts';
import { PROBLEM_CODES, PROBLEM_HELP, type ProblemCode } from '../core/problem.ts';
import { DUPLICATE_HELP, DUPLICATE_RULE, duplicateNote } from './duplicates.ts';
import { markdownCode, markdownText, relativeUri, sarifText } from './escape.ts';

const LEVEL = { hard: 'error', soft: 'warning', advisory: 'note' } as const;
const ENFORCEMENT = {
  hard: 'hard: always blocks the merge',
  soft: 'soft: blocks the merge unless a valid waiver covers it',
  advisory: 'advisory: reported, never blocks',
} as const;
const INFO_URI = 'https://github.com/coe-gate/coe-gate';
/**
 * One analysis kind per id, so code scanning compares a pull request's results with the default
 * branch's of the same kind: the whole tree, or a change judged against a base (`--base`).
 */
export const SARIF_CATEGORY = { check: 'coe-gate/check/', change: 'coe-gate/change/' } as const;

/** What a rule of the report says about itself: the policy's rule, as loaded. */
export type RuleDescription = Pick<
  LoadedRule,
  'id' | 'title' | 'level' | 'remediation' | 'file' | 'appliesTo'
>;

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[] };
}

interface Region {
  startLine: number;
  startColumn: number;
  endLine?: number;
  endColumn?: number;
}

/** `rules`: the policy set the report was judged by (none when the repository has no policies). */
export function renderSarif(report: CheckReport, rules: readonly RuleDescription[] = []): string {
  const described = [...PROBLEM_CODES.map(problemRule), ...rules.map(policyRule), duplicateRule()];
  const index = new Map(described.map((r, i) => [r.id, i]));
  const results: object[] = [];
  const seen = new Map<string, number>();
  // The same rule on the same field of the same file twice is rare but possible (a forEach over
  // equal items): the occurrence count keeps both fingerprints distinct, as GitHub's own do.
  const fingerprint = (...parts: string[]) => {
    const hash = createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 16);
    const n = (seen.get(hash) ?? 0) + 1;
    seen.set(hash, n);
    return { primaryLocationLineHash: `${hash}:${n}` };
  };
  const location = (
    file: string,
    at: { line: number; column: number; endLine?: number; endColumn?: number },
  ) => {
    const region: Region = { startLine: Math.max(1, at.line), startColumn: Math.max(1, at.column) };
    if (at.endLine !== undefined && at.endColumn !== undefined) {
      region.endLine = Math.max(region.startLine, at.endLine);
      region.endColumn =
        region.endLine === region.startLine ? Math.max(region.startColumn, at.endColumn) : at.endColumn;
    }
    return {
      physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' }, region },
    };
  };

  for (const p of report.problems) {
    const id = problemRuleId(p.code);
    results.push({
      ruleId: id,
      ruleIndex: index.get(id),
      level: 'error',
      message: { text: sarifText(p.path ? `${p.path}: ${p.message}` : p.message) },
      locations: [location(p.file, p)],
      // By field, not by line: a finding keeps its identity when lines above it move.
      partialFingerprints: fingerprint(id, p.file, p.path, p.message),
    });
  }

  for (const u of report.useCases) {
    for (const f of u.findings ?? []) {
      if (f.outcome !== 'fail') continue; // waived: see the header
      let i = index.get(f.rule);
      if (i === undefined) {
        // A rule the caller did not describe (a report judged elsewhere): described from its finding.
        i = described.push(policyRule({ ...f, id: f.rule, file: '' })) - 1;
        index.set(f.rule, i);
      }
      results.push({
        ruleId: f.rule,
        ruleIndex: i,
        level: LEVEL[f.level],
        message: { text: sarifText(`${u.id}: ${f.message} Fix: ${f.remediation}`) },
        locations: [location(u.file, f)],
        partialFingerprints: fingerprint(f.rule, u.file, f.path),
      });
    }
  }

  // A likely duplicate: a note on each of the two files, naming the other.
  for (const pair of report.duplicates) {
    for (const side of [0, 1] as const) {
      const file = pair.files[side];
      results.push({
        ruleId: DUPLICATE_RULE,
        ruleIndex: index.get(DUPLICATE_RULE),
        level: 'note',
        message: { text: sarifText(duplicateNote(pair, side)) },
        locations: [location(file, { line: 1, column: 1 })],
        relatedLocations: [{ id: 1, ...location(pair.files[side === 0 ? 1 : 0], { line: 1, column: 1 }) }],
        partialFingerprints: fingerprint(DUPLICATE_RULE, file, pair.files[side === 0 ? 1 : 0]),
      });
    }
  }

  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'CoE Gate',
            version: report.tool.version,
            semanticVersion: report.tool.version,
            informationUri: INFO_URI,
            rules: described,
          },
        },
        automationDetails: { id: report.base ? SARIF_CATEGORY.change : SARIF_CATEGORY.check },
        results,
        properties: { asOf: report.asOf, exitCode: report.exitCode, waived: report.summary.waived },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}

function problemRuleId(code: ProblemCode): string {
  return `input/${code}`;
}

/** A rule's text outside any use case: `{{tier.computed}}` shows as ‹tier.computed›. */
function unfilled(text: string): string {
  return text.replace(/\{\{\s*([^{}]*?)\s*\}\}/g, '‹$1›');
}

function camel(name: string): string {
  return name.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}

function problemRule(code: ProblemCode): SarifRule {
  const help = PROBLEM_HELP[code];
  return {
    id: problemRuleId(code),
    name: camel(code),
    shortDescription: { text: sarifText(help) },
    fullDescription: {
      text: sarifText(
        `${help} A file the gate cannot read as a valid manifest or policy; nothing in it is judged until it is fixed.`,
      ),
    },
    help: {
      text: sarifText(
        `${help} The result's message says what to change; docs/manifest.md documents every field.`,
      ),
      markdown: `${markdownText(help)}\n\nThe result's message says what to change; \`docs/manifest.md\` documents every field, \`docs/policies.md\` every policy file.`,
    },
    defaultConfiguration: { level: 'error' },
    properties: { tags: ['input', code.split('-')[0] as string] },
  };
}

function duplicateRule(): SarifRule {
  return {
    id: DUPLICATE_RULE,
    name: 'likelyDuplicate',
    shortDescription: { text: 'Two use cases look like one.' },
    fullDescription: {
      text: sarifText(`${DUPLICATE_HELP} Enforcement: ${ENFORCEMENT.advisory}.`),
    },
    help: {
      text: sarifText(DUPLICATE_HELP),
      markdown: `${markdownText(DUPLICATE_HELP)}\n\n\`docs/portfolio.md\` says how pairs are found.`,
    },
    defaultConfiguration: { level: 'note' },
    properties: { tags: ['portfolio', 'advisory'] },
  };
}

function policyRule(rule: RuleDescription): SarifRule {
  const scope = [
    rule.appliesTo?.stages && `stages ${rule.appliesTo.stages.join(', ')}`,
    rule.appliesTo?.tiers && `tiers ${rule.appliesTo.tiers.join(', ')}`,
    rule.appliesTo?.patterns && `patterns ${rule.appliesTo.patterns.join(', ')}`,
    rule.appliesTo?.audiences && `audiences ${rule.appliesTo.audiences.join(', ')}`,
  ].filter(Boolean);
  const appliesTo = scope.length ? `Applies to ${scope.join('; ')}.` : 'Applies to every use case.';
  const title = rule.title.endsWith('.') ? rule.title : `${rule.title}.`;
  const remediation = unfilled(rule.remediation);
  const definedIn = rule.file ? `Defined in ${rule.file}.` : '';
  return {
    id: rule.id,
    name: camel(rule.id.split('.').pop() ?? rule.id),
    shortDescription: { text: sarifText(title) },
    fullDescription: {
      text: sarifText(`${title} Enforcement: ${ENFORCEMENT[rule.level]}. ${appliesTo} ${definedIn}`.trim()),
    },
    help: {
      text: sarifText(`To pass: ${remediation} ${definedIn}`.trim()),
      markdown: [
        `**To pass:** ${markdownText(remediation)}`,
        `**Enforcement:** ${markdownText(ENFORCEMENT[rule.level])}. ${markdownText(appliesTo)}`,
        rule.file
          ? `Defined in ${markdownCode(rule.file)}; \`coe explain <use case id>\` lists what a use case still needs.`
          : '',
      ]
        .filter(Boolean)
        .join('\n\n'),
    },
    defaultConfiguration: { level: LEVEL[rule.level] },
    properties: { tags: [rule.id.split('.')[0] as string, rule.level] },
  };
}
