// Reports a GateReport on GitHub: one check run on the head commit (annotations in batches),
// one sticky comment found by its marker and its author, and updated in place. Within GitHub's
// limits (limits.ts). A failure here is a warning: it never changes the verdict. Titles and
// annotations are plain text: their values go through escape.ts like the markdown's.
import { type Annotation, annotations, type GateReport } from '../core/gate/gate-report.ts';
import { ApiUnreachableError, describeFailure, type GitHub } from '../github/github-api.ts';
import { batches, clip, fitText, GITHUB_LIMITS } from '../github/limits.ts';
import { plainLine, plainText } from '../report/escape.ts';
import { COMMENT_MARKER, renderGateMarkdown } from '../report/gate-markdown.ts';

export interface Target {
  owner: string;
  repo: string;
  checkName: string;
}

/** Who comments with the job's GITHUB_TOKEN. */
export const ACTIONS_BOT = 'github-actions[bot]';

export interface Published {
  checkRunId: number | null;
  commentId: number | null;
  warnings: string[];
}

export function truncationNote(report: GateReport): (omitted: number) => string {
  return (omitted) =>
    `> ✂️ Cut here: ${omitted} more line${omitted === 1 ? '' : 's'} did not fit GitHub's limit. ${
      report.detailsUrl
        ? `The [full report](${report.detailsUrl})`
        : 'The job summary and the report artifact'
    } ha${report.detailsUrl ? 's' : 've'} everything, and \`coe check --base ${report.baseSha.slice(0, 7)}\` shows it locally.`;
}

export async function publish(gh: GitHub, target: Target, report: GateReport): Promise<Published> {
  const markdown = renderGateMarkdown(report);
  const warnings: string[] = [];
  let checkRun: CheckRun | null = null;
  let commentId: number | null = null;
  try {
    checkRun = await postCheckRun(gh, target, report, markdown);
  } catch (error) {
    if (error instanceof ApiUnreachableError) throw error; // nothing more can be posted
    warnings.push(describeFailure(error, 'the check run was not posted', 'checks: write'));
  }
  if (report.pullRequest) {
    try {
      const author = botLogin(checkRun?.appSlug);
      commentId = await upsertComment(gh, target, report.pullRequest, markdown, report, author);
    } catch (error) {
      if (error instanceof ApiUnreachableError) throw error;
      warnings.push(
        describeFailure(error, 'the pull-request comment was not posted', 'pull-requests: write'),
      );
    }
  }
  return { checkRunId: checkRun?.id ?? null, commentId, warnings };
}

interface CheckRun {
  id: number;
  /** The app the token belongs to, as GitHub names it in the check run it created. */
  appSlug: string | undefined;
}

/**
 * The login the token comments as: its app's bot user, `<slug>[bot]` (a GitHub App's
 * installation token, or `github-actions[bot]` for GITHUB_TOKEN); GITHUB_TOKEN's when the check
 * run, which names the app, could not be posted.
 */
function botLogin(appSlug: string | undefined): string {
  return appSlug ? `${appSlug}[bot]` : ACTIONS_BOT;
}

/**
 * A new check run each time, on the head commit: GitHub shows the latest run of a name per commit,
 * so a re-run replaces the verdict (updating the old run would append to its annotations).
 */
async function postCheckRun(
  gh: GitHub,
  target: Target,
  report: GateReport,
  markdown: string,
): Promise<CheckRun> {
  const groups = batches(annotations(report).map(toApi), GITHUB_LIMITS.annotationsPerRequest);
  const output = (group: ApiAnnotation[] | undefined) => ({
    title: clip(plainLine(report.title), GITHUB_LIMITS.annotationTitle),
    summary: fitText(markdown, GITHUB_LIMITS.checkRunSummary, truncationNote(report)),
    ...(group ? { annotations: group } : {}),
  });
  const created = await gh.rest.checks.create({
    owner: target.owner,
    repo: target.repo,
    name: target.checkName,
    head_sha: report.headSha,
    status: 'completed',
    conclusion: report.conclusion,
    completed_at: new Date().toISOString(),
    ...(report.detailsUrl ? { details_url: report.detailsUrl } : {}),
    output: output(groups[0]),
  });
  for (const group of groups.slice(1)) {
    await gh.rest.checks.update({
      owner: target.owner,
      repo: target.repo,
      check_run_id: created.data.id,
      output: output(group),
    });
  }
  return { id: created.data.id, appSlug: created.data.app?.slug };
}

async function upsertComment(
  gh: GitHub,
  target: Target,
  issue: number,
  markdown: string,
  report: GateReport,
  author: string,
): Promise<number> {
  const body = fitText(`${COMMENT_MARKER}\n${markdown}`, GITHUB_LIMITS.commentBody, truncationNote(report));
  const comments = await gh.paginate(gh.rest.issues.listComments, {
    owner: target.owner,
    repo: target.repo,
    issue_number: issue,
    per_page: 100,
  });
  // Only the gate's own comment: anyone else's that starts with the marker (a person quoting it,
  // another bot) is left as it is, and the gate writes its own.
  const mine = comments.find((c) => c.body?.startsWith(COMMENT_MARKER) && c.user?.login === author);
  if (mine) {
    await gh.rest.issues.updateComment({ owner: target.owner, repo: target.repo, comment_id: mine.id, body });
    return mine.id;
  }
  const created = await gh.rest.issues.createComment({
    owner: target.owner,
    repo: target.repo,
    issue_number: issue,
    body,
  });
  return created.data.id;
}

interface ApiAnnotation {
  path: string;
  start_line: number;
  end_line: number;
  start_column?: number;
  end_column?: number;
  annotation_level: 'failure' | 'warning' | 'notice';
  title: string;
  message: string;
}

function toApi(a: Annotation): ApiAnnotation {
  const line = Math.max(1, a.line);
  return {
    path: a.path,
    start_line: line,
    end_line: line,
    ...(a.column > 0 ? { start_column: a.column, end_column: a.column } : {}),
    annotation_level: a.level,
    title: clip(plainLine(a.title), GITHUB_LIMITS.annotationTitle),
    message: clip(plainText(a.message), GITHUB_LIMITS.annotationMessage),
  };
}
