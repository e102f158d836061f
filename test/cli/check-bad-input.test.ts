// The bad-input catalogue: each case through the real CLI, each a one-line problem naming
// file:line:column, exit 2, no stack trace, and nothing written.
import { symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coe, makeRepo, manifest, snapshotTree } from '../helpers/repo.ts';

const F = 'usecases/claims/claims-intake-bot.yaml';

function expectRejected(root: string, args: string[], expected: RegExp) {
  const before = snapshotTree(root);
  const r = coe(['check', ...args], { cwd: root });
  expect(r.status).toBe(2);
  expect(r.stdout).toMatch(expected);
  expect(`${r.stdout}${r.stderr}`).not.toMatch(/\n\s+at .+:\d+:\d+\)?\n|internal error/);
  expect(snapshotTree(root)).toEqual(before);
  return r;
}

describe('coe check rejects bad input with file and line', () => {
  it('malformed YAML', () => {
    const root = makeRepo({
      [F]: manifest().replace('  title: Claims intake bot', '  title: [Claims intake bot'),
    });
    expectRejected(root, [], /^usecases\/claims\/claims-intake-bot\.yaml:\d+:\d+ +\(file\) +YAML syntax: /m);
  });

  it('duplicate keys, at the second occurrence', () => {
    const root = makeRepo({
      [F]: manifest().replace('  created: 2026-01-15', '  created: 2026-01-15\n  created: 2026-01-16'),
    });
    expectRejected(root, [], /claims-intake-bot\.yaml:10:3 +\(file\) +duplicate key/);
  });

  it('an alias bomb', () => {
    let bomb = 'l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n';
    for (let i = 1; i < 9; i++)
      bomb += `l${i}: &l${i} [${Array(10)
        .fill(`*l${i - 1}`)
        .join(', ')}]\n`;
    const root = makeRepo({ [F]: bomb });
    expectRejected(
      root,
      [],
      /claims-intake-bot\.yaml:2:\d+ +\(file\) +aliases expand to more than 100,000 nodes/,
    );
  });

  it('too many aliases', () => {
    const root = makeRepo({ [F]: `a: &a x\nb: [${Array(150).fill('*a').join(', ')}]\n` });
    expectRejected(root, [], /claims-intake-bot\.yaml:2:\d+ +\(file\) +more than 100 aliases/);
  });

  it('a file over the size limit, without reading it', () => {
    const root = makeRepo({ [F]: `${manifest()}# ${'x'.repeat(1024 * 1024)}\n` });
    expectRejected(
      root,
      [],
      /claims-intake-bot\.yaml:1:1 +\(file\) +file is 1,049,\d{3} bytes; manifests are limited to 1 MiB \(1,048,576 bytes\)/,
    );
  });

  it('a binary file', () => {
    const root = makeRepo({ [F]: new Uint8Array([0x61, 0x3a, 0x0a, 0x00, 0x01, 0x02]) });
    expectRejected(root, [], /claims-intake-bot\.yaml:2:1 +\(file\) +binary file/);
  });

  it('a file that is not UTF-8', () => {
    const latin1 = Buffer.from(manifest().replace('Claims intake bot', 'Caf\u00e9 bot'), 'latin1');
    const root = makeRepo({ [F]: latin1 });
    expectRejected(root, [], /claims-intake-bot\.yaml:6:13 +\(file\) +not valid UTF-8/);
  });

  it('an empty file, and one with only comments', () => {
    const root = makeRepo({ [F]: '', 'usecases/claims/comments-only.yaml': '# nothing yet\n\n' });
    const r = expectRejected(root, [], /claims-intake-bot\.yaml:1:1 +\(file\) +file is empty/);
    expect(r.stdout).toMatch(/comments-only\.yaml:1:1 +\(file\) +file is empty/);
  });

  it('several documents in one file, at the second', () => {
    const root = makeRepo({ [F]: `${manifest()}---\n${manifest()}` });
    expectRejected(root, [], /claims-intake-bot\.yaml:31:1 +\(file\) +more than one YAML document/);
  });

  it('a root that is not a mapping', () => {
    const root = makeRepo({ [F]: '- apiVersion: coe-gate/v1\n- kind: UseCase\n' });
    expectRejected(root, [], /claims-intake-bot\.yaml:1:1 +\(file\) +the document is a list/);
  });

  it('wrong types, at the value', () => {
    const root = makeRepo({
      [F]: manifest().replace('      frequency: daily', '      frequency: daily\n      count: lots'),
    });
    expectRejected(
      root,
      [],
      /claims-intake-bot\.yaml:17:14 +spec\.intake\.users\.count +must be a whole number, not "lots"/,
    );
  });

  it('a wrong enum value, with the allowed values and a did-you-mean', () => {
    const root = makeRepo({
      [F]: manifest().replace('classification: confidential', 'classification: confidental'),
    });
    expectRejected(
      root,
      [],
      /:27:25 +spec\.data\.sources\[0\]\.classification +"confidental" is not allowed; use one of: public, internal, confidential, regulated \(did you mean "confidential"\?\)/,
    );
  });

  it('unknown fields with a did-you-mean, and one line per typo', () => {
    const root = makeRepo({
      [F]: manifest()
        .replace('    goalType: cost', '    goal_type: cost')
        .replace('  lifecycle:', '  lifecycle:\n    notes: x'),
    });
    const r = expectRejected(
      root,
      [],
      /:13:5 +spec\.intake\.goal_type +unknown field "goal_type"; did you mean "goalType"\?/,
    );
    expect(r.stdout).toMatch(
      /:30:5 +spec\.lifecycle\.notes +unknown field "notes"; allowed here: stage, suspended, nextReview, baseline, approvals, waivers, value, retirement/,
    );
    expect(r.stdout).not.toMatch(/missing required field "goalType"/);
  });

  it('a missing required field, at the mapping that lacks it', () => {
    const root = makeRepo({ [F]: manifest().replace('    riskTier: medium\n', '') });
    expectRejected(
      root,
      [],
      /:17:3 +spec\.classification\.riskTier +missing required field "riskTier" in spec\.classification/,
    );
  });

  it('an id that does not match its file name', () => {
    const root = makeRepo({ 'usecases/claims/other-name.yaml': manifest() });
    expectRejected(
      root,
      [],
      /other-name\.yaml:5:7 +metadata\.id +id "claims-intake-bot" does not match the file name/,
    );
  });

  it('a domain that does not match its folder', () => {
    const root = makeRepo({ 'usecases/hr/claims-intake-bot.yaml': manifest() });
    expectRejected(root, [], /:7:11 +metadata\.domain +domain "claims" does not match the folder "hr"/);
  });

  it('two files with the same id, both named', () => {
    const root = makeRepo({
      [F]: manifest(),
      'usecases/claims/claims-intake-bot.yaml.bak': 'x',
      'usecases/hr/claims-intake-bot.yaml': manifest('claims-intake-bot', 'hr'),
    });
    const r = expectRejected(
      root,
      [],
      /claims\/claims-intake-bot\.yaml:5:7 +metadata\.id +id "claims-intake-bot" is also used by usecases\/hr\/claims-intake-bot\.yaml/,
    );
    expect(r.stdout).toMatch(
      /hr\/claims-intake-bot\.yaml:5:7 +metadata\.id +id "claims-intake-bot" is also used by usecases\/claims\/claims-intake-bot\.yaml/,
    );
  });

  it('a symlink that points outside the repository', () => {
    const outside = makeRepo({ 'secret.yaml': manifest() });
    const root = makeRepo({ [F]: manifest() });
    symlinkSync(join(outside, 'secret.yaml'), join(root, 'usecases/claims/secret.yaml'));
    expectRejected(
      root,
      [],
      /usecases\/claims\/secret\.yaml:1:1 +\(file\) +is a symbolic link \(to .*secret\.yaml\); only regular files are read under usecases\/ and policies\/, and links are never followed/,
    );
  });

  it('a path outside usecases/ on the command line', () => {
    const root = makeRepo({ [F]: manifest(), 'policies/x.yaml': 'a: 1\n', 'notes.yaml': 'a: 1\n' });
    const r = expectRejected(
      root,
      ['policies/x.yaml', 'notes.yaml'],
      /^policies\/x\.yaml:1:1 +\(file\) +not under usecases\//m,
    );
    expect(r.stdout).toMatch(/^notes\.yaml:1:1 +\(file\) +not under usecases\//m);
  });

  it('a path outside the repository on the command line', () => {
    const elsewhere = makeRepo({ 'x.yaml': manifest() });
    const root = makeRepo({ [F]: manifest() });
    expectRejected(root, [join(elsewhere, 'x.yaml')], /x\.yaml:1:1 +\(file\) +is outside the repository/);
  });

  it('a path that does not exist', () => {
    const root = makeRepo({ [F]: manifest() });
    expectRejected(
      root,
      ['usecases/claims/nope.yaml'],
      /^usecases\/claims\/nope\.yaml:1:1 +\(file\) +no such file/m,
    );
  });

  it('a .yml file, with the fix', () => {
    const root = makeRepo({ 'usecases/claims/claims-intake-bot.yml': manifest() });
    expectRejected(
      root,
      [],
      /claims-intake-bot\.yml:1:1 +\(file\) +manifests end in \.yaml; rename this file/,
    );
  });
});

describe('coe check reads everything before it answers', () => {
  it('lists the problems of every bad file, valid files included in the count', () => {
    const root = makeRepo({
      [F]: manifest(),
      'usecases/claims/broken-a.yaml': manifest('broken-a').replace('goalType: cost', 'goalType: profit'),
      'usecases/hr/broken-b.yaml': manifest('broken-b', 'hr').replace('stage: intake', 'stage: launch'),
      'usecases/hr/broken-c.yaml': 'a: [\n',
    });
    const r = coe(['check'], { cwd: root });
    expect(r.status).toBe(2);
    const lines = r.stdout.split('\n').filter((l) => /^usecases\//.test(l));
    expect(lines.map((l) => l.split(':')[0])).toEqual([
      'usecases/claims/broken-a.yaml',
      'usecases/hr/broken-b.yaml',
      'usecases/hr/broken-c.yaml',
    ]);
    expect(r.stdout).toContain('✖ 3 problems in 3 files (4 read)');
  });

  it('lists several problems of one file in line order', () => {
    const root = makeRepo({
      [F]: manifest()
        .replace('  owner: "@acme/claims-ai"', '  owner: acme')
        .replace('    goalType: cost', '    goalType: 3')
        .replace('  created: 2026-01-15', '  created: 2026-02-30'),
    });
    const r = coe(['check'], { cwd: root });
    expect(r.status).toBe(2);
    const found = r.stdout
      .split('\n')
      .filter((l) => l.startsWith('usecases/'))
      .map((l) => l.split(/ +/).slice(0, 2).join(' '));
    expect(found).toEqual([
      'usecases/claims/claims-intake-bot.yaml:8:10 metadata.owner',
      'usecases/claims/claims-intake-bot.yaml:9:12 metadata.created',
      'usecases/claims/claims-intake-bot.yaml:13:15 spec.intake.goalType',
    ]);
    expect(r.stdout).toMatch(/"2026-02-30" is not a date; write YYYY-MM-DD/);
    expect(r.stdout).toMatch(/"acme" is a login without the @; write "@acme"/);
  });

  it('a number or true where text belongs says how to keep it text', () => {
    const root = makeRepo({ [F]: manifest().replace('      who: Claims handlers', '      who: 2024') });
    const r = coe(['check'], { cwd: root });
    expect(r.stdout).toMatch(
      /spec\.intake\.users\.who +must be a string, not 2024; to mean the text, write it in quotes: "2024"$/m,
    );
    expect(r.status).toBe(2);
  });

  it('refuses text that is empty or only spaces, at its line', () => {
    const root = makeRepo({
      [F]: manifest().replace(
        '    goal: Route first notice of loss emails to the right queue within minutes.',
        '    goal: "   "',
      ),
    });
    const r = coe(['check'], { cwd: root });
    expect(r.stdout).toMatch(
      /^usecases\/claims\/claims-intake-bot\.yaml:12:11 +spec\.intake\.goal +must not be empty or blank$/m,
    );
    expect(r.status).toBe(2);
  });

  it('accepts a UTF-8 byte-order mark and non-ASCII text', () => {
    const text = manifest().replace('Claims intake bot', 'Schadenmeldung für Kfz — 損害');
    const root = makeRepo({ [F]: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]) });
    const r = coe(['check'], { cwd: root });
    expect(r.stdout).toContain('✔ 1 use case valid across 1 domain');
    expect(r.status).toBe(0);
  });

  it('refuses a link even to a file in the repository: links are never followed', () => {
    const root = makeRepo({ 'shared/claims-intake-bot.yaml': manifest(), 'usecases/claims/.keep': '' });
    symlinkSync(join(root, 'shared/claims-intake-bot.yaml'), join(root, F));
    const r = coe(['check'], { cwd: root });
    expect(r.stdout).toMatch(/^usecases\/claims\/claims-intake-bot\.yaml:1:1 +\(file\) +is a symbolic link/m);
    expect(r.status).toBe(2);
  });

  it('writes nothing even when asked to check a folder with unrelated files', () => {
    const root = makeRepo({ [F]: manifest(), 'usecases/claims/README.md': '# notes\n' });
    writeFileSync(join(root, 'usecases/claims/.hidden.yaml'), 'not: checked\n');
    const before = snapshotTree(root);
    const r = coe(['check', 'usecases/claims'], { cwd: root });
    expect(r.status).toBe(0);
    expect(snapshotTree(root)).toEqual(before);
  });
});

describe('links in manifests stay inside the repository', () => {
  it('refuses an evidence path that climbs out with ..', () => {
    const extra = `  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-10-01, evidence: docs/../../../etc/passwd }
`;
    const root = makeRepo({ [F]: manifest().replace('  lifecycle:', `${extra}  lifecycle:`) });
    const r = expectRejected(
      root,
      [],
      /:31:\d+ +spec\.evaluation\.suites\[0\]\.evidence +"docs\/\.\.\/\.\.\/\.\.\/etc\/passwd" is not valid here: Where the evidence lives: an https URL, or the path of a file or folder in this repository/,
    );
    expect(r.stdout).toContain('(no .. segments, no leading /)');
  });

  it('accepts an https link and a plain repository path', () => {
    const extra = `  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-10-01, evidence: https://evals.example/run/1 }
      - { type: regression, metric: changed outputs, score: 0.01, threshold: 0.05, direction: lower-is-better, date: 2026-10-01, evidence: docs/evidence/regression.md }
`;
    const root = makeRepo({
      [F]: manifest().replace('  lifecycle:', `${extra}  lifecycle:`),
      'docs/evidence/regression.md': '# Regression run 2026-10-01\n',
    });
    expect(coe(['check'], { cwd: root }).status).toBe(0);
  });

  it('refuses a repository path that names no file, on its line', () => {
    const extra = `  evaluation:
    suites:
      - { type: offline, metric: accuracy, score: 0.9, threshold: 0.8, date: 2026-10-01, evidence: docs/evidence/offline.md }
`;
    const text = manifest().replace('  lifecycle:', `${extra}  lifecycle:`);
    const root = makeRepo({ [F]: text });
    const r = coe(['check'], { cwd: root });
    const line = text.split('\n').findIndex((l) => l.includes('docs/evidence/offline.md')) + 1;
    expect(r.stdout).toMatch(
      new RegExp(
        `^${F.replace(/\./g, '\\.')}:${line}:\\d+ +spec\\.evaluation\\.suites\\[0\\]\\.evidence +"docs/evidence/offline\\.md" is not in the repository; link a file that is`,
        'm',
      ),
    );
    expect(r.status).toBe(2);
  });
});
