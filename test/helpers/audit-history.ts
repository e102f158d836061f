// Real git histories for `coe audit` and the flow report: every commit dated through
// GIT_AUTHOR_DATE/GIT_COMMITTER_DATE, pull requests merged the way GitHub writes them.
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { commitAt, edit, git, gitAt, write } from './git.ts';
import { copyPolicies, makeRepo, manifest } from './repo.ts';

export const BOT = 'usecases/claims/claims-intake-bot.yaml';
export const BOT_MOVED = 'usecases/underwriting/claims-intake-bot.yaml';
/** A name a spreadsheet would run as a formula, were it not guarded. */
export const PUSHER = '=HYPERLINK("x","Dee")';
export const LEGACY = 'usecases/it/legacy-helpdesk-bot.yaml';

const approval = (stage: string, role: string, login: string, date: string, pr: number) =>
  `      - { stage: ${stage}, role: ${role}, login: "@${login}", date: ${date}, pr: ${pr} }\n`;

/**
 * One use case's life, and a second one deleted, on main:
 *  1. 2026-01-05 policies added (#1, squash)
 *  2. 2026-01-10 both proposed at intake, approved by a maintainer (#12, squash)
 *  3. 2026-02-01 the bot enters discovery with its approvals (merge commit of #13)
 *  4. 2026-02-15 its title edited by a direct push (no pull request)
 *  5. 2026-03-01 its intake approval's login changed (#14): an edited record
 *  6. 2026-03-10 moved to the underwriting domain (#15): a rename
 *  7. 2026-04-01 the legacy bot deleted, the policies' README touched (#16)
 *  8. 2026-04-10 the bot enters prototype with no approval (#17)
 *  9. 2026-04-20 a waiver for prototype that expires on 2026-05-01 (#18)
 * 10. 2026-06-01 its goal edited (#19), the waiver expired and the stage unchanged
 */
export function auditHistory(root: string = makeRepo()): { root: string; shas: string[] } {
  git(root, 'init', '-q', '-b', 'main');
  const shas: string[] = [];
  const commit = (message: string, date: string, author = 'Test Author') => {
    commitAt(root, message, date, author);
    shas.push(git(root, 'rev-parse', 'HEAD').trim());
  };
  copyPolicies(root);
  commit('Add the policies (#1)', '2026-01-05', 'Bea Chen');

  const bot = manifest(
    'claims-intake-bot',
    'claims',
    approval('intake', 'coe-maintainer', 'bchen', '2026-01-09', 12),
  )
    .replace('  owner: "@acme/claims-ai"\n', '  owner: "@acme/claims-ai"\n  champion: "@jbaptiste"\n')
    .replace('    stage: intake\n', '    stage: intake\n    approvals:\n');
  write(root, BOT, bot);
  write(
    root,
    LEGACY,
    manifest('legacy-helpdesk-bot', 'it', approval('intake', 'coe-maintainer', 'fvogel', '2026-01-09', 12))
      .replace('Claims intake bot', 'Legacy helpdesk bot')
      .replace('    stage: intake\n', '    stage: intake\n    approvals:\n'),
  );
  commit('Propose the claims intake bot (#12)', '2026-01-10', 'Ana Proposer');

  git(root, 'checkout', '-q', '-b', 'discovery');
  edit(root, BOT, '    stage: intake\n', '    stage: discovery\n');
  edit(
    root,
    BOT,
    /(approvals:\n.*\n)/,
    `$1${approval('discovery', 'coe-lead', 'mtanaka', '2026-01-30', 13)}${approval('discovery', 'domain-champion', 'jbaptiste', '2026-01-30', 13)}`,
  );
  commitAt(root, 'Move to discovery', '2026-01-29', 'Ana Proposer');
  git(root, 'checkout', '-q', 'main');
  gitAt(
    root,
    '2026-02-01',
    'Mia Merger',
    'merge',
    '-q',
    '--no-ff',
    '-m',
    'Merge pull request #13 from acme/discovery',
    'discovery',
  );
  shas.push(git(root, 'rev-parse', 'HEAD').trim());

  edit(root, BOT, 'title: Claims intake bot', 'title: Claims intake assistant');
  commit('Fix the title', '2026-02-15', PUSHER);

  edit(root, BOT, 'login: "@bchen", date: 2026-01-09', 'login: "@fvogel", date: 2026-01-09');
  commit('Correct the intake approver (#14)', '2026-03-01', 'Ana Proposer');

  write(root, BOT_MOVED, readFileSync(join(root, BOT), 'utf8'));
  rmSync(join(root, BOT));
  edit(root, BOT_MOVED, 'domain: claims', 'domain: underwriting');
  commit('Move the bot to underwriting (#15)', '2026-03-10', 'Ana Proposer');

  git(root, 'rm', '-q', LEGACY);
  edit(root, 'policies/README.md', /$/, '\nEdited.\n');
  commit('Retire the legacy helpdesk bot (#16)', '2026-04-01', 'Bea Chen');

  edit(root, BOT_MOVED, '    stage: discovery\n', '    stage: prototype\n');
  commit('Start the prototype (#17)', '2026-04-10', 'Ana Proposer');

  edit(
    root,
    BOT_MOVED,
    /$/,
    '    waivers:\n      - { rule: lifecycle.owner-team, reason: Owner team named next sprint, stage: prototype, expires: 2026-05-01, approver: "@mtanaka", granted: 2026-04-20, pr: 18 }\n',
  );
  commit('Waive the owner rule (#18)', '2026-04-20', 'Ana Proposer');

  edit(root, BOT_MOVED, 'Route first notice', 'Route every first notice');
  commit('Sharpen the goal (#19)', '2026-06-01', 'Ana Proposer');
  return { root, shas };
}
