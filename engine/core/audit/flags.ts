// What `coe audit` flags for an auditor: each code defined once, with what it means (docs/audit.md
// says what to do about each). A flag is data on a change or on a use case's current state.

import type { AuditReport, Flag } from '../../schema/audit.gen.ts';

export const AUDIT_FLAGS = {
  'stage-change-without-approvals':
    'the stage changed without the approvals the RACI (as it stood at that commit) requires',
  'record-edited-after-merge': 'an approval or waiver record was edited or removed after it merged',
  'no-pull-request': 'the change reached the branch without a pull request number in its commit message',
  'manifest-deleted': 'the manifest was deleted (use stage: retired to end a use case on the record)',
  'waiver-expired-in-stage': 'a waiver expired while the use case stayed in the stage it was granted for',
} as const satisfies AuditReport['flagCodes'];

export type AuditFlagCode = keyof typeof AUDIT_FLAGS;
export const AUDIT_FLAG_CODES = Object.keys(AUDIT_FLAGS) as AuditFlagCode[];

export type AuditFlag = Flag;

export function flag(code: AuditFlagCode, message: string): AuditFlag {
  return { code, message };
}
