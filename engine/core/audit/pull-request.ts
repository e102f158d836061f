// The pull request a commit on the default branch came from, read from its subject: GitHub's merge
// commit ("Merge pull request #13 from owner/branch") or its squash commit ("Title (#12)").

const MERGE = /^Merge pull request #(\d+) from \S/;
const SQUASH = /\(#(\d+)\)\s*$/;

export function pullRequestOf(subject: string): number | null {
  const m = MERGE.exec(subject) ?? SQUASH.exec(subject);
  if (!m) return null;
  const n = Number(m[1]);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}
