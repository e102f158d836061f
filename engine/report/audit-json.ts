// `coe audit --format json`: the report as data, shaped by engine/schema/audit.schema.json, with
// the meaning of each flag code. Given out in pieces, one use case at a time, so a long history is
// never one string; the pieces join to what JSON.stringify(report, null, 2) would print.
import { AUDIT_FLAGS } from '../core/audit/flags.ts';
import type { AuditReport } from '../core/audit/trail.ts';
import type { AuditReport as AuditJson } from '../schema/audit.gen.ts';

export function* renderAuditJson(report: AuditReport): Generator<string> {
  // The whole report is AuditJson: the trail's fields (AuditReport is AuditJson but these), then these.
  const flagCodes: AuditJson['flagCodes'] = AUDIT_FLAGS;
  const field = (key: string, value: unknown) => `  ${JSON.stringify(key)}: ${indent(value, '  ')}`;
  yield `{\n${field('ref', report.ref)},\n${field('asOf', report.asOf)},\n${field('since', report.since)},\n`;
  if (report.useCases.length === 0) yield '  "useCases": [],\n';
  else {
    yield '  "useCases": [\n';
    for (const [i, u] of report.useCases.entries())
      yield `    ${indent(u, '    ')}${i < report.useCases.length - 1 ? ',' : ''}\n`;
    yield '  ],\n';
  }
  yield `${field('summary', report.summary)},\n${field('flagCodes', flagCodes)}\n}\n`;
}

function indent(value: unknown, by: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, `\n${by}`);
}
