// The gate's one sentence, attacked: "this change reached the default branch with the approvals the
// RACI names, given by the people who hold those roles, on this exact content". Each scenario is a
// real repository, GitHub's webhook payload, the committed bundle and the loopback GitHub.
import { describe, expect, test } from 'vitest';
import { edit, git, write } from '../helpers/git.ts';
import { change, OPENED_AT, PR, sample, useScenario } from '../helpers/scenario.ts';

const s = useScenario();

const PROPOSAL = 'usecases/customer-support/policy-wording-qa-copilot.yaml';
const DRAFTING = 'usecases/customer-support/support-reply-drafting.yaml';
const SUBROGATION = 'usecases/claims/subrogation-recovery-agent.yaml';

/** `count` approval records for `stage`, in flow style, for pull request 497. */
const records = (stage: string, pairs: [string, string][]) =>
  pairs
    .map(
      ([role, login]) =>
        `      - { stage: ${stage}, role: ${role}, login: "@${login}", date: 2026-11-24, pr: ${PR} }\n`,
    )
    .join('');

/** Adds lines at the end of the approvals list (which ends where `value:` or the file does). */
function appendApprovals(root: string, file: string, lines: string): void {
  edit(root, file, /\n {4}value:\n/, `\n${lines}    value:\n`);
}

describe('waivers are approvals', () => {
  const WAIVED = 'release-gates.adversarial-testing';
  const waiver = (o: { approver?: string; granted?: string; expires?: string } = {}) => `    waivers:
      - rule: ${WAIVED}
        reason: Red-team exercise booked for January; every letter is human-approved until then.
        stage: pilot
        expires: ${o.expires ?? '2027-02-10'}
        approver: "@${o.approver ?? 'cmorales'}"
        granted: ${o.granted ?? '2026-11-21'}
        pr: ${PR}
`;
  /** The subrogation agent on main without its waiver; the pull request writes one in. */
  const withWaiver = (w: string) =>
    change({ [SUBROGATION]: sample(SUBROGATION).replace(/ {4}waivers:\n[\s\S]*$/, '') }, (root) =>
      write(root, SUBROGATION, `${sample(SUBROGATION).replace(/ {4}waivers:\n[\s\S]*$/, '')}${w}`),
    );

  test('a waiver the pull request writes does not count until its approver approves the pull request', async () => {
    const c = withWaiver(waiver());
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    expect(s.comment()).toContain(
      `the waiver of \`${WAIVED}\` (@cmorales) does not count: @cmorales has not approved pull request #${PR}`,
    );
    expect(s.fake().checkRuns()[0]?.output.title).toMatch(/1 waiver not backed by a review/);

    s.approve('cmorales', c.headSha);
    const approved = await s.gate(c, s.open(c));
    expect(approved.status, s.comment()).toBe(0);
  });

  test('the author cannot grant a waiver in their own pull request', async () => {
    const c = withWaiver(waiver());
    s.approve('cmorales', c.headSha);
    const run = await s.gate(c, s.open(c, { author: 'cmorales' }));
    expect(run.status).toBe(1);
    expect(s.comment()).toContain(`@cmorales opened pull request #${PR}, so cannot approve it`);
  });

  test('a waiver running to 2099 does not count, whoever approves it', async () => {
    const c = withWaiver(waiver({ expires: '2099-12-31' }));
    s.approve('cmorales', c.headSha);
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    expect(s.comment()).toMatch(/the RACI allows at most 90 \(waivers\.maxDays\)/);
  });

  test('a back-dated waiver does not count', async () => {
    const c = withWaiver(waiver({ granted: '2026-10-01', expires: '2026-12-20' }));
    s.approve('cmorales', c.headSha);
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    expect(s.comment()).toContain(
      `granted 2026-10-01, before pull request #${PR} was opened (${OPENED_AT.slice(0, 10)})`,
    );
  });
});

describe('approvals bind to the stage entry and the content they approve', () => {
  test('a use case moved back and forward again re-enters production only with new approvals', async () => {
    // On main it was moved back to pilot (a model change followed there); every earlier record stays.
    const back = sample(DRAFTING).replace('    stage: production\n', '    stage: pilot\n');
    const c = change({ [DRAFTING]: back }, (root) => write(root, DRAFTING, sample(DRAFTING)));
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    const body = s.comment();
    expect(body).toMatch(
      /`support-reply-drafting` \| entering production \(medium tier\) \| platform-architect \| ⏳ needed/,
    );
    expect(body).toMatch(/\| security-lead \| ⏳ needed/);
    expect(body).toContain(
      `- { stage: production, role: platform-architect, login: "@dlindqvist", date: 2026-11-24, pr: ${PR} }`,
    );
  });

  test('a new manifest cannot start at production without every stage’s approvals', async () => {
    const copy = sample(DRAFTING).replaceAll('support-reply-drafting', 'support-reply-drafting-two');
    const c = change({}, (root) =>
      write(root, 'usecases/customer-support/support-reply-drafting-two.yaml', copy),
    );
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    const body = s.comment();
    for (const stage of ['intake', 'discovery', 'prototype', 'mvp', 'pilot', 'production'])
      expect(body).toContain(`new use case, entering ${stage}`);
    // Its records name other pull requests: none counts here.
    expect(body).toContain('recorded for pull request #75, but this is #497');
  });

  test('an approval recorded early for a later stage is an error, not a head start', async () => {
    const c = change({}, (root) =>
      write(
        root,
        PROPOSAL,
        sample(PROPOSAL).replace(/\n?$/, `\n${records('discovery', [['coe-lead', 'mtanaka']])}`),
      ),
    );
    s.approve('fvogel', c.headSha);
    s.approve('mtanaka', c.headSha);
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    expect(s.comment()).toContain(
      'it is for discovery, but this change approves intake: an approval counts only for the stage its pull request enters',
    );
  });

  test('a review of an earlier commit still counts when the later ones only record approvals', async () => {
    const bare = sample(PROPOSAL).replace(/^ {4}approvals:\n(?: {6}.*\n| {8}.*\n)+/m, '');
    expect(bare).not.toContain('role: coe-maintainer');
    const c = change(
      {},
      (root) => write(root, PROPOSAL, bare),
      (root) => write(root, PROPOSAL, sample(PROPOSAL)),
    );
    s.approve('fvogel', c.commits[0] as string);
    const run = await s.gate(c, s.open(c));
    expect(run.status, s.comment()).toBe(0);
    expect(s.comment()).toContain('| coe-maintainer | ✅ @fvogel |');
  });

  describe('what a review approved includes the files the manifest links to', () => {
    const EVIDENCE = 'docs/evidence/offline-run-19.md';
    const linked = sample(DRAFTING).replace(
      'evidence: https://evals.northwind.example/service/email-reply/offline/run-19',
      `evidence: ${EVIDENCE}`,
    );
    /** A new prompt in production, approved on the first commit; then `later` is pushed. */
    const promptChange = (later: (root: string) => void) =>
      change(
        { [DRAFTING]: linked, [EVIDENCE]: '# Offline run 19\n', 'docs/notes.md': '# Notes\n' },
        (root) => {
          // The declared prompt and the suites re-run on it.
          edit(root, DRAFTING, /email-reply v31/g, 'email-reply v32');
          appendApprovals(
            root,
            DRAFTING,
            records('production', [
              ['coe-lead', 'sbrennan'],
              ['platform-architect', 'achen'],
            ]),
          );
        },
        later,
      );

    test('a later commit elsewhere leaves the reviews standing', async () => {
      const c = promptChange((root) => write(root, 'docs/notes.md', '# Notes, revised\n'));
      for (const login of ['sbrennan', 'achen']) s.approve(login, c.commits[0] as string);
      const run = await s.gate(c, s.open(c));
      expect(run.status, s.comment()).toBe(0);
    });

    test('a later commit to the linked evidence makes them stale', async () => {
      const c = promptChange((root) => write(root, EVIDENCE, '# Offline run 19, with better numbers\n'));
      for (const login of ['sbrennan', 'achen']) s.approve(login, c.commits[0] as string);
      const run = await s.gate(c, s.open(c));
      expect(run.status).toBe(1);
      expect(s.comment()).toContain(
        '@sbrennan, @achen approved an earlier commit, and what they approved has changed since',
      );
    });
  });
});

describe('watched changes within a stage', () => {
  test('lowering one’s own evaluation threshold in production needs the responsible-AI lead', async () => {
    const c = change({ [DRAFTING]: sample(DRAFTING) }, (root) =>
      edit(root, DRAFTING, '        threshold: 0.6\n', '        threshold: 0.5\n'),
    );
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    expect(s.comment()).toMatch(
      /spec\.evaluation\.suites\.threshold changed at production \(medium tier\) \| responsible-ai-lead \| ⏳ needed/,
    );
  });

  test('reclassifying data as public to lower the tier needs the privacy and security leads, at the old tier', async () => {
    const c = change({ [DRAFTING]: sample(DRAFTING) }, (root) => {
      const text = sample(DRAFTING).replace(
        /classification: (confidential|regulated|internal)/g,
        'classification: public',
      );
      write(root, DRAFTING, text);
    });
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    const body = s.comment();
    expect(body).toMatch(
      /spec\.data\.sources changed at production \(medium tier\) \| privacy-lead \| ⏳ needed/,
    );
    expect(body).toMatch(
      /spec\.data\.sources changed at production \(medium tier\) \| security-lead \| ⏳ needed/,
    );
  });
});

describe('who may approve', () => {
  test('someone who pushed commits to another’s pull request cannot approve it', async () => {
    const c = change({}, (root) => write(root, PROPOSAL, sample(PROPOSAL)));
    s.approve('fvogel', c.headSha);
    const event = s.open(c, {
      author: 'jdelacroix',
      commits: [{ sha: c.headSha, author: 'fvogel', committer: 'fvogel' }],
    });
    const run = await s.gate(c, event);
    expect(run.status).toBe(1);
    expect(s.comment()).toContain(
      `@fvogel wrote or pushed commits of pull request #${PR}, so cannot approve it`,
    );
  });

  test('the pusher of a synchronize event cannot approve either, whoever GitHub links the commit to', async () => {
    const c = change({}, (root) => write(root, PROPOSAL, sample(PROPOSAL)));
    s.approve('fvogel', c.headSha);
    const run = await s.gate(c, s.open(c, { action: 'synchronize', sender: 'FVogel' }));
    expect(run.status).toBe(1);
    expect(s.comment()).toContain(
      `@fvogel wrote or pushed commits of pull request #${PR}, so cannot approve it`,
    );
  });

  test('a login written in another letter case is the same person, for the gate and the rules alike', async () => {
    const c = change({}, (root) =>
      write(root, PROPOSAL, sample(PROPOSAL).replace('login: "@fvogel"', 'login: "@FVogel"')),
    );
    s.approve('fvogel', c.headSha);
    const run = await s.gate(c, s.open(c));
    expect(run.status, s.comment()).toBe(0);
    expect(s.comment()).not.toMatch(/does not hold/);
  });

  test('a champion of another domain cannot approve, and the use case’s own champion is the one asked', async () => {
    // policy-wording-qa-copilot is customer-support, naming @jdelacroix; it moves to discovery.
    const discovery = (champion: string) =>
      sample(PROPOSAL)
        .replace('    stage: intake\n', '    stage: discovery\n')
        .replace(
          /\n?$/,
          `\n${records('discovery', [
            ['coe-lead', 'mtanaka'],
            ['domain-champion', champion],
          ])}`,
        );
    const c = change({ [PROPOSAL]: sample(PROPOSAL) }, (root) =>
      write(root, PROPOSAL, discovery('rnakamura')),
    );
    s.approve('mtanaka', c.headSha);
    s.approve('rnakamura', c.headSha);
    const run = await s.gate(c, s.open(c, { author: 'dokafor' }));
    expect(run.status).toBe(1);
    const body = s.comment();
    expect(body).toContain('@rnakamura holds the domain-champion role for claims only, not customer-support');
    expect(body).toMatch(/\| domain-champion \| ⏳ needed \| @jdelacroix \|/);
  });
});

describe('removing a use case', () => {
  test('needs the roles of retiring it, and the comment flags the removal', async () => {
    const c = change({ [DRAFTING]: sample(DRAFTING) }, (root) => git(root, 'rm', '-q', DRAFTING));
    const run = await s.gate(c, s.open(c));
    expect(run.status).toBe(1);
    const body = s.comment();
    expect(body).toContain(`Removed: \`${DRAFTING}\``);
    expect(body).toMatch(
      /`support-reply-drafting` \| removing the manifest \(retiring it\) \(medium tier\) \| coe-lead \| ⏳ an approving review \| @mtanaka, @sbrennan/,
    );

    s.approve('sbrennan', c.headSha);
    expect((await s.gate(c, s.open(c))).status, s.comment()).toBe(0);
  });
});

describe('the gate guards itself', () => {
  test.each([
    ['.github/workflows/coe-gate.yml'],
    ['action.yml'],
    ['dist/index.mjs'],
    ['engine/core/x.ts'],
    ['package.json'],
  ])('a pull request that changes %s needs a maintainer, and says so', async (path) => {
    const c = change({ [path]: 'before\n' }, (root) => write(root, path, 'after\n'));
    const run = await s.gate(c, s.open(c, { author: 'bchen' }));
    expect(run.status).toBe(1);
    const body = s.comment();
    expect(body).toContain("#### Change to the gate's own files");
    expect(body).toContain(`This pull request changes \`${path.split('/')[0]}\``);
    expect(body).toContain('Needs an approving review from a coe-maintainer: @fvogel.');
    s.approve('fvogel', c.headSha);
    expect((await s.gate(c, s.open(c, { author: 'bchen' }))).status).toBe(0);
  });
});

describe('the base branch', () => {
  test('retargeting a pull request (edited, base changed) is judged again, and a branch the gate does not gate is refused', async () => {
    const c = change({}, (root) => write(root, PROPOSAL, sample(PROPOSAL)));
    s.approve('fvogel', c.headSha);
    const event = s.open(c, {
      action: 'edited',
      baseRef: 'release',
      changes: { base: { ref: { from: 'main' }, sha: { from: c.baseSha } } },
    });
    const run = await s.gate(c, event);
    expect(run.status).toBe(1);
    expect(s.fake().checkRuns()[0]?.output.title).toContain(
      'this change goes into "release", and the gate passes changes into "main" only',
    );
  });

  test('a branch listed in base-branches is gated like the default one', async () => {
    const c = change({}, (root) => write(root, PROPOSAL, sample(PROPOSAL)));
    s.approve('fvogel', c.headSha);
    const run = await s.gate(c, s.open(c, { baseRef: 'release' }), 'pull_request', {
      'base-branches': 'release, hotfix',
    });
    expect(run.status, s.comment()).toBe(0);
  });
});
