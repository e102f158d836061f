// GitHub's limits on what the gate posts, in one place with their numbers, and the one way the
// gate keeps within them: cut at a line, say so, point to the full report.

export const GITHUB_LIMITS = {
  /** Check run `output.summary` and `output.text`: 65,535 characters each (REST API, checks). */
  checkRunSummary: 65_535,
  /** Annotations in one create or update request; more go in further updates (REST API, checks). */
  annotationsPerRequest: 50,
  /** Annotation `title`: 255 characters. `message` may be 64 KB; a readable one is far shorter. */
  annotationTitle: 255,
  annotationMessage: 4_000,
  /** Issue and pull-request comment body: 65,536 characters (REST API, issues). */
  commentBody: 65_536,
  /** $GITHUB_STEP_SUMMARY: 1 MiB per step (GitHub Actions). */
  jobSummaryBytes: 1024 * 1024,
  /** Workflow-command annotations GitHub shows: 10 errors and 10 warnings per step. */
  workflowCommandErrors: 10,
  workflowCommandWarnings: 10,
} as const;

/**
 * How long the gate waits on GitHub's REST API, and how often it asks again. GitHub ends any
 * request it takes more than 10 seconds to process (REST API docs, "Timeouts"), so an answer
 * that has not fully arrived after twice that is not coming: the request is abandoned and tried
 * again like a 5xx, by Octokit's retry plugin (3 retries, waiting 1, 4 and 9 s between tries).
 * A request that never gets an answer thus fails after 4 × the timeout + 14 s, and the run with
 * it. The Action's `api-timeout` input overrides the timeout (tests use a short one).
 */
export const API_LIMITS = {
  /** Seconds a request may take, its whole answer included. */
  timeoutSeconds: 20,
  /** Tries after the first, for an answer that did not come or a 5xx. */
  retries: 3,
  /** Octokit's retry plugin waits (n + 1)² seconds before the n-th retry (n from 0). */
  backoffSeconds: [1, 4, 9],
} as const;

/**
 * `text` if it fits in `limit` UTF-8 bytes (never fewer bytes than characters, so it also fits a
 * limit counted in characters); otherwise its first lines that fit, then `note`.
 */
export function fitText(text: string, limit: number, note: (omittedLines: number) => string): string {
  if (Buffer.byteLength(text) <= limit) return text;
  const lines = text.split('\n');
  // Room for the note itself, sized for the worst case of every line left out.
  const room = limit - Buffer.byteLength(`\n\n${note(lines.length)}\n`);
  let used = 0;
  let kept = 0;
  for (const line of lines) {
    const size = Buffer.byteLength(line) + 1;
    if (used + size > room) break;
    used += size;
    kept++;
  }
  // An unclosed code block or details element would swallow the note.
  const head = lines.slice(0, kept).join('\n');
  return `${head}\n\n${note(lines.length - kept)}\n`;
}

/** A string cut to `limit` characters with an ellipsis, for titles and messages. */
export function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit - 1)}…`;
}

/** Items in consecutive groups of `size`. */
export function batches<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
