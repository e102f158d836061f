// Who a manifest or a registry names, in the one form CoE Gate writes people and teams in, the
// CODEOWNERS one: "@login" for a GitHub user, "@org/team-slug" for a team. GitHub's API gives bare
// logins; its adapters turn them into this form at the seam (fromGitHub), so everything past it
// compares one form with one form. Identities compare without regard to letter case, as on GitHub.

/** A GitHub user (@login) or team (@org/team-slug). */
export type Identity = string;

const USER = /^@([A-Za-z0-9][A-Za-z0-9-]{0,38})$/;
const TEAM = /^@([A-Za-z0-9][A-Za-z0-9-]{0,38})\/([A-Za-z0-9][A-Za-z0-9._-]*)$/;
/** A login as GitHub's API gives it, and as manifests wrote it before the @ was required. */
const BARE = /^[A-Za-z0-9][A-Za-z0-9-]{0,38}$/;

export type ParsedIdentity = { kind: 'user'; login: string } | { kind: 'team'; org: string; slug: string };

/** What an identity names, or undefined when it is not one (a bare login, a typo). */
export function parseIdentity(value: string): ParsedIdentity | undefined {
  const user = USER.exec(value);
  if (user) return { kind: 'user', login: user[1] as string };
  const team = TEAM.exec(value);
  if (team) return { kind: 'team', org: team[1] as string, slug: team[2] as string };
  return undefined;
}

export const isTeam = (id: Identity): boolean => id.startsWith('@') && id.includes('/');

/** The key an identity is compared and counted by: GitHub ignores letter case. */
export const identityKey = (id: Identity): string => id.toLowerCase();

/** Whether two identities name the same user or team. */
export const sameIdentity = (a: Identity, b: Identity): boolean => identityKey(a) === identityKey(b);

/** A login as GitHub's API gives it (bare), in the form the manifest writes: "@login". */
export function fromGitHub(login: string): Identity {
  return login.startsWith('@') ? login : `@${login}`;
}

/** The login or org/team-slug to hand GitHub's API, or to put after an @ of one's own (a mention). */
export function githubName(id: Identity): string {
  return id.startsWith('@') ? id.slice(1) : id;
}

/**
 * An identity as an old commit wrote it: before the @ was required, approvals and waivers named
 * their approver by a bare login, valid then. Reading history turns it into today's form; judging
 * today's content never does (a bare login there is refused, with the fix).
 */
export function fromHistory(value: string): Identity {
  return BARE.test(value) ? `@${value}` : value;
}

/**
 * A manifest as an old commit wrote it, with the approvers of its approvals and waivers in today's
 * form (fromHistory), in place: what readers of history (the audit trail, the base of a change,
 * the commits a review saw) apply before validating. Anything that is not shaped like a manifest's
 * records is left as it is, for the validator to name.
 */
export function upgradeHistoricManifest(value: unknown): void {
  const lifecycle = (value as { spec?: { lifecycle?: unknown } } | null)?.spec?.lifecycle;
  if (lifecycle === null || typeof lifecycle !== 'object') return;
  const upgrade = (list: unknown, key: string) => {
    if (!Array.isArray(list)) return;
    for (const item of list) {
      if (item === null || typeof item !== 'object') continue;
      const record = item as Record<string, unknown>;
      const v = record[key];
      if (typeof v === 'string') record[key] = fromHistory(v);
    }
  };
  const { approvals, waivers } = lifecycle as { approvals?: unknown; waivers?: unknown };
  upgrade(approvals, 'login');
  upgrade(waivers, 'approver');
}
