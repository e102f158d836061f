// --base at a commit (what the fork publisher uses): the change read through git, never from the
// working tree, with links checked against the commit's own files.
import { describe, expect, it } from 'vitest';
import { judge } from '../../engine/core/check/judge.ts';
import { buildReport } from '../../engine/core/check/report.ts';
import { baseSources } from '../../engine/git/base-sources.ts';
import { commitAll, git, gitRepo, write } from '../helpers/git.ts';
import { manifest } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';
const withEvidence = (link: string) =>
  manifest('claims-intake-bot', 'claims').replace(
    '  lifecycle:',
    `  evaluation:\n    suites:\n      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-10-01, evidence: ${link} }\n  lifecycle:`,
  );

describe('baseSources at a commit', () => {
  it('judges the commit, not the working tree, and finds linked files in the commit', async () => {
    const root = gitRepo({}, { policies: false });
    git(root, 'checkout', '-q', '-b', 'proposal');
    write(root, 'docs/evidence/offline.md', '# Offline run\n');
    write(root, F, withEvidence('docs/evidence/offline.md'));
    commitAll(root, 'propose with evidence');
    const head = git(root, 'rev-parse', 'HEAD').trim();
    // The working tree moves on (the publisher's checkout is the default branch).
    git(root, 'checkout', '-q', 'main');

    const base = await baseSources(root, 'main', [], head);
    expect(base.info.changed).toEqual([F]);
    const report = buildReport(judge({ ...base, today: '2026-11-24' }), '2026-11-24', base.info);
    expect(report.problems).toEqual([]);
    expect(report.useCases.map((u) => u.id)).toEqual(['claims-intake-bot']);
  });

  it('refuses a link to a file the commit does not have, even when the working tree has it', async () => {
    const root = gitRepo({}, { policies: false });
    git(root, 'checkout', '-q', '-b', 'proposal');
    write(root, F, withEvidence('docs/evidence/offline.md'));
    commitAll(root, 'propose without the evidence file');
    const head = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'checkout', '-q', 'main');
    write(root, 'docs/evidence/offline.md', '# only in the working tree\n');

    const base = await baseSources(root, 'main', [], head);
    const report = buildReport(judge({ ...base, today: '2026-11-24' }), '2026-11-24', base.info);
    expect(report.problems.map((p) => [p.file, p.code, p.path])).toEqual([
      [F, 'link-not-found', 'spec.evaluation.suites[0].evidence'],
    ]);
  });

  it("compares the change with the commit's other use cases, their titles read at the commit", async () => {
    const other = 'usecases/ops/claims-email-routing.yaml';
    const added = 'usecases/hr/cv-screening.yaml';
    const titled = (id: string, domain: string, title: string) =>
      manifest(id, domain).replace(/^ {2}title: .*$/m, `  title: ${title}`);
    const root = gitRepo(
      { [other]: titled('claims-email-routing', 'ops', 'Claims emails routed') },
      { policies: false },
    );
    git(root, 'checkout', '-q', '-b', 'proposal');
    write(root, added, titled('cv-screening', 'hr', '"Claims email, routed"'));
    commitAll(root, 'propose');
    const head = git(root, 'rev-parse', 'HEAD').trim();
    git(root, 'checkout', '-q', 'main');
    // The checkout says otherwise: what the commit holds is compared.
    write(root, other, titled('claims-email-routing', 'ops', 'Something else'));

    const base = await baseSources(root, 'main', [], head);
    expect(base.info.changed).toEqual([added]);
    const report = buildReport(judge({ ...base, today: '2026-11-24' }), '2026-11-24', base.info);
    expect(report.duplicates.map((d) => [d.files, d.titles, d.reason])).toEqual([
      [[added, other], ['Claims email, routed', 'Claims emails routed'], 'same-title'],
    ]);
  });
});
