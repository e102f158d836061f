// The report as SARIF 2.1.0, so GitHub code scanning (or any SARIF viewer) shows each finding on
// its line. Levels: hard → error, soft → warning, advisory → note; a waived finding is a result
// with an external suppression that carries the waiver's reason. A viewer reads `[text](target)` in
// a message as a link, so every text goes through escape.ts's sarifText.
import { createHash } from 'node:crypto';
import type { CheckReport } from '../core/check/report.ts';
import { relativeUri, sarifText } from './escape.ts';

const LEVEL = { hard: 'error', soft: 'warning', advisory: 'note' } as const;
const INFO_URI = 'https://coe-gate.dev';

interface SarifRule {
  id: string;
  name: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string };
  defaultConfiguration: { level: string };
  properties: { tags: string[] };
}

export function renderSarif(report: CheckReport): string {
  const rules: SarifRule[] = [];
  const index = new Map<string, number>();
  const ruleIndex = (rule: SarifRule) => {
    if (!index.has(rule.id)) {
      index.set(rule.id, rules.length);
      rules.push(rule);
    }
    return index.get(rule.id) as number;
  };
  const results: object[] = [];
  const location = (file: string, line: number, column: number) => ({
    physicalLocation: {
      artifactLocation: { uri: relativeUri(file), uriBaseId: '%SRCROOT%' },
      region: { startLine: Math.max(1, line), startColumn: Math.max(1, column) },
    },
  });
  const fingerprint = (...parts: string[]) => ({
    'coeGate/v1': createHash('sha256').update(parts.join('\0')).digest('hex').slice(0, 32),
  });

  for (const p of report.problems) {
    const id = `input/${p.code}`;
    const i = ruleIndex({
      id,
      name: p.code.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
      shortDescription: { text: `Invalid input: ${p.code.replace(/-/g, ' ')}.` },
      fullDescription: {
        text: 'A file the gate cannot read as a valid manifest or policy. Nothing is judged until it is fixed.',
      },
      help: { text: 'See the message for the fix; docs/manifest.md documents every field.' },
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['input'] },
    });
    results.push({
      ruleId: id,
      ruleIndex: i,
      level: 'error',
      message: { text: sarifText(p.path ? `${p.path}: ${p.message}` : p.message) },
      locations: [location(p.file, p.line, p.column)],
      partialFingerprints: fingerprint(id, p.file, p.path, p.message),
    });
  }

  for (const u of report.useCases) {
    for (const f of u.findings ?? []) {
      const i = ruleIndex({
        id: f.rule,
        name:
          f.rule
            .split('.')
            .pop()
            ?.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()) ?? f.rule,
        shortDescription: { text: sarifText(f.title.endsWith('.') ? f.title : `${f.title}.`) },
        fullDescription: { text: sarifText(`${f.title}. Enforcement: ${f.level}.`) },
        help: { text: sarifText(f.remediation) },
        defaultConfiguration: { level: LEVEL[f.level] },
        properties: { tags: [f.rule.split('.')[0] as string, f.level] },
      });
      const waiver =
        f.outcome === 'waived'
          ? u.waivers?.find((w) => w.rule === f.rule && w.status === 'applied')
          : undefined;
      results.push({
        ruleId: f.rule,
        ruleIndex: i,
        level: LEVEL[f.level],
        message: { text: sarifText(`${u.id}: ${f.message} Fix: ${f.remediation}`) },
        locations: [location(u.file, f.line, f.column)],
        partialFingerprints: fingerprint(f.rule, u.file, f.path),
        ...(waiver
          ? {
              suppressions: [
                {
                  kind: 'external',
                  status: 'accepted',
                  justification: sarifText(
                    `Waived by ${waiver.approver} until ${waiver.expires}: ${waiver.reason}`,
                  ),
                },
              ],
            }
          : {}),
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
            rules,
          },
        },
        automationDetails: { id: `coe-gate/${report.base ? 'change' : 'portfolio'}/` },
        results,
        properties: { asOf: report.asOf, exitCode: report.exitCode },
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
