// `coe audit --format json`: the report as data, shaped by docs/schemas/audit.schema.json, with
// the meaning of each flag code that occurs in it.
import { AUDIT_FLAGS } from '../core/audit/flags.ts';
import type { AuditReport } from '../core/audit/trail.ts';

export function renderAuditJson(report: AuditReport): string {
  return `${JSON.stringify({ ...report, flagCodes: AUDIT_FLAGS }, null, 2)}\n`;
}
