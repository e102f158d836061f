// `coe audit --verify`: every approval and waiver the manifests record at a commit, checked
// against the reviews of the pull request it names through GitHub's REST API. The command logic
// only; `coe audit` registers it (main.ts).
import { execFileSync } from 'node:child_process';
import { GitError } from '../../git/git.ts';
import { API_LIMITS } from '../../github/limits.ts';
import { renderVerifyJson, renderVerifyText } from '../../report/audit-verify.ts';
import { terminalLine } from '../../report/escape.ts';
import type { CommandIO } from '../command-io.ts';
import { paint } from '../paint.ts';
import { resolveRoot } from '../root.ts';
import { UsageError } from '../usage-error.ts';

export const VERIFY_FORMATS = ['text', 'json'] as const;

export interface AuditVerifyOptions {
  format: (typeof VERIFY_FORMATS)[number];
  repo?: string;
  apiUrl?: string;
  apiTimeout?: string;
  ref?: string;
  root?: string;
}

export const VERIFY_HELP =
  '--verify checks every approval (spec.lifecycle.approvals) and waiver (spec.lifecycle.waivers) the ' +
  'manifests record at the commit (--ref, default HEAD) against the pull request each names, through ' +
  "GitHub's REST API (token from GITHUB_TOKEN or GH_TOKEN). A record is verified when the pull request " +
  'merged into the default branch and the named person, who did not open it, approved (their latest ' +
  'review) a commit of it whose manifest holds the record; contradicted when GitHub says otherwise; ' +
  'unverifiable (with why) when no token, no answer, no such pull request or the reviewed commit is not ' +
  'in the local clone.\n\n' +
  'Exit codes: 0 every record verified, 1 any contradicted or unverifiable (nothing confirms an ' +
  'unverifiable one, so it fails too), 2 invalid input or usage.';

export const VERIFY_EXAMPLES =
  '\nExamples:\n' +
  '  GITHUB_TOKEN=$(gh auth token) coe audit --verify\n' +
  '  coe audit --verify --repo northwind/ai-portfolio --format json > verify.json\n' +
  '  coe audit --verify --api-url https://github.example.com/api/v3   # GitHub Enterprise Server';

export async function auditVerify(opts: AuditVerifyOptions, io: CommandIO): Promise<void> {
  const root = resolveRoot(opts.root);
  const [owner, repo] = repository(root, opts.repo);
  const token = process.env.GITHUB_TOKEN || process.env.GH_TOKEN || '';
  // Loaded here, not with the CLI: the REST client brings Node's HTTP stack, which every other
  // command would pay for at start.
  const [{ makeClient }, { verifyRecordsAt }] = await Promise.all([
    import('../../github/github-api.ts'),
    import('../../github/verify-records.ts'),
  ]);
  const gh = token
    ? makeClient({
        token,
        baseUrl: (opts.apiUrl ?? process.env.GITHUB_API_URL) || 'https://api.github.com',
        warn: (m) => process.stderr.write(`coe: ${terminalLine(m)}\n`),
        timeoutSeconds: seconds(opts.apiTimeout),
      })
    : null;
  const report = await verifyRecordsAt({ root, ref: opts.ref ?? 'HEAD', owner, repo, gh }).catch(
    (error: unknown) => {
      throw error instanceof GitError ? new UsageError(error.message) : error;
    },
  );
  io.out(opts.format === 'json' ? renderVerifyJson(report) : renderVerifyText(report, paint));
  io.setExit(report.summary.exitCode);
}

/** --repo, else GITHUB_REPOSITORY, else the GitHub remote `origin` points at. */
function repository(root: string, option: string | undefined): [string, string] {
  const given = option ?? process.env.GITHUB_REPOSITORY;
  if (given !== undefined) {
    const m = /^([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+)$/.exec(given);
    if (!m) throw new UsageError(`--repo ${given}: write the repository as owner/name`);
    return [m[1] as string, m[2] as string];
  }
  let url = '';
  try {
    url = execFileSync('git', ['remote', 'get-url', 'origin'], {
      cwd: root,
      encoding: 'utf8',
      stdio: 'pipe',
    }).trim();
  } catch {
    // no origin: said below
  }
  const m = /[/:]([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/.exec(url);
  if (!m)
    throw new UsageError(
      'coe audit --verify: name the repository with --repo owner/name (no GitHub remote "origin" found)',
    );
  return [m[1] as string, m[2] as string];
}

function seconds(value: string | undefined): number {
  if (value === undefined) return API_LIMITS.timeoutSeconds;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new UsageError(`--api-timeout ${value}: give the seconds a request may take, e.g. 20`);
  return n;
}
