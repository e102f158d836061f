// Who holds which role, for which use case: the one answer to "may this login approve as this
// role here?", asked by the pull-request gate, the lifecycle rules, waivers and `coe explain`.
// People and teams are written as the manifest writes them, "@login" and "@org/team-slug"
// (identity.ts), and compare without regard to letter case, as GitHub's do. A role can be held for some
// domains only, and a role can be named per use case (metadata.champion): then only the person
// the use case names fills it, and only if they hold it for the use case's domain.

import type { RoleRegistry } from '../../schema/registries.gen.ts';
import type { UseCase } from '../../schema/usecase.gen.ts';
import { read } from '../read-path.ts';
import { type Identity, identityKey, isTeam, parseIdentity, sameIdentity } from './identity.ts';

/** The use case a role is asked for; none for the repository's own changes (policies, the engine). */
export type RoleScope = UseCase | null;

type RoleDefinition = RoleRegistry['roles'][number];

/**
 * Who is in each GitHub team the roles registry names, as read when judging: from GitHub's API in
 * the Action, from the daily run's membership file on a laptop (`coe check --teams`). A team whose
 * members could not be read holds its roles for nobody: the gate fails closed.
 */
export interface TeamDirectory {
  /** The team's members (@login) by identityKey, or undefined when they are unknown here. */
  members(team: string): ReadonlySet<string> | undefined;
  /** Why a team's members are unknown, in words, for the message that refuses its member. */
  unknown(team: string): string;
}

/**
 * Teams' members as read (keys @org/team-slug, members @login; any case). `unknown` says, in a
 * sentence that starts "the members of <team>", why a team not listed is unknown.
 */
export function teamDirectory(
  read: Readonly<Record<string, readonly string[]>>,
  unknown: (team: string) => string,
): TeamDirectory {
  const teams = new Map(
    Object.entries(read).map(([team, logins]) => [identityKey(team), new Set(logins.map(identityKey))]),
  );
  return { members: (team) => teams.get(identityKey(team)), unknown };
}

/** Where no team's members were read: every team holds its roles for nobody. */
export const NO_TEAMS: TeamDirectory = teamDirectory(
  {},
  (team) =>
    `the members of ${team} are unknown here (coe check: --teams FILE, the daily run's membership file; the Action reads them from GitHub)`,
);

interface Holder {
  /** As the registry writes it: "@login", or a team's "@org/team-slug". */
  login: Identity;
  key: string;
  /** A team: holds the role through each of its members. */
  team: boolean;
  /** Null: holds the role for every domain. */
  domains: readonly string[] | null;
}

interface Role {
  holders: Holder[];
  namedBy: string | undefined;
}

function holderOf(member: RoleDefinition['members'][number]): Holder {
  const name = typeof member === 'string' ? member : 'team' in member ? member.team : member.login;
  const domains = typeof member === 'string' ? null : member.domains;
  return { login: name, key: identityKey(name), team: isTeam(name), domains };
}

export class RoleBook {
  private readonly roles = new Map<string, Role>();
  private readonly teams: TeamDirectory;

  constructor(definitions: readonly RoleDefinition[], teams: TeamDirectory = NO_TEAMS) {
    this.teams = teams;
    for (const d of definitions)
      this.roles.set(d.id, { namedBy: d.namedBy, holders: d.members.map(holderOf) });
  }

  /** Whether `login` may fill `role` for the use case (or, without one, for the repository). */
  holds(login: string, role: string, scope: RoleScope): boolean {
    return this.refusal(login, role, scope) === undefined;
  }

  /** The entries of `role` that make `login` a holder: their own, and each team they are in. */
  private entriesOf(r: Role, login: string): Holder[] {
    const key = identityKey(login);
    return r.holders.filter((h) => (h.team ? this.teams.members(h.key)?.has(key) : h.key === key));
  }

  /** Why `login` may not fill `role` here, in words; undefined when they may. */
  refusal(login: string, role: string, scope: RoleScope): string | undefined {
    const r = this.roles.get(role);
    if (!r) return `${login} does not hold the ${role} role`;
    const entries = this.entriesOf(r, login);
    if (entries.length === 0) {
      const unread = r.holders.filter((h) => h.team && coversScope(h, scope) && !this.teams.members(h.key));
      return unread.length
        ? `${login} does not hold the ${role} role by name, and ${unread.map((h) => this.teams.unknown(h.login)).join('; ')}`
        : `${login} does not hold the ${role} role`;
    }
    const entry = entries.find((h) => coversScope(h, scope));
    if (!entry) {
      const domains = [...new Set(entries.flatMap((h) => h.domains ?? []))].join(', ');
      return scope
        ? `${login} holds the ${role} role for ${domains} only, not ${scope.metadata.domain}`
        : `${login} holds the ${role} role for ${domains} only, not for the repository as a whole`;
    }
    const named = scope ? namedPerson(r, scope) : undefined;
    if (named && !sameIdentity(named, login))
      return `${scope?.metadata.id} names ${named} in ${r.namedBy}; only they fill the ${role} role for it`;
    return undefined;
  }

  /**
   * Who may fill `role` here: the holders for the scope (a team once, as @org/team-slug), or the one
   * person the use case names.
   */
  holders(role: string, scope: RoleScope): string[] {
    const r = this.roles.get(role);
    if (!r) return [];
    const named = scope ? namedPerson(r, scope) : undefined;
    if (named) {
      if (!this.holds(named, role, scope)) return [];
      // As the registry spells them, when it names them; else as the use case does (a team's member).
      return [r.holders.find((h) => !h.team && sameIdentity(h.login, named))?.login ?? named];
    }
    return r.holders.filter((h) => coversScope(h, scope)).map((h) => h.login);
  }

  /** The roles `login` holds for some use case or other (does a request for changes come from a role holder?). */
  rolesHeld(login: string): string[] {
    return [...this.roles].filter(([, r]) => this.entriesOf(r, login).length > 0).map(([id]) => id);
  }
}

/** Whether a holder name (as holders() gives it) is a team's. */
export const isTeamHolder = (holder: Identity): boolean => isTeam(holder);

/** The teams a roles registry names (@org/team-slug, as written), each once: what to read members of. */
export function teamsNamed(roles: readonly RoleDefinition[]): string[] {
  const seen = new Map<string, string>();
  for (const d of roles)
    for (const m of d.members.map(holderOf)) if (m.team && !seen.has(m.key)) seen.set(m.key, m.login);
  return [...seen.values()];
}

function coversScope(holder: Holder, scope: RoleScope): boolean {
  if (holder.domains === null) return true;
  return scope !== null && holder.domains.includes(scope.metadata.domain);
}

/** The person (not a team) a use case names for a role, from the role's namedBy field. */
function namedPerson(role: Role, manifest: UseCase): string | undefined {
  if (!role.namedBy) return undefined;
  const value = read(manifest, role.namedBy);
  // "@login" names a person; "@org/team" a team, which leaves any holder for the domain.
  return typeof value === 'string' && parseIdentity(value)?.kind === 'user' ? value : undefined;
}

/** The book of a policy set: its roles registry, with the team members read for this judgement. */
export function bookOf(policies: {
  registries: { roles: readonly RoleDefinition[] };
  teams?: TeamDirectory;
}): RoleBook {
  return roleBook(policies.registries.roles, policies.teams);
}

/**
 * Where a rule's context carries its book, for the `holds` operation: a symbol, so no rule can
 * read it as a variable.
 */
export const ROLE_BOOK = Symbol('roleBook');

// One book per registry and directory, built once: the registries are frozen when the policies load.
const books = new WeakMap<readonly RoleDefinition[], WeakMap<TeamDirectory, RoleBook>>();

export function roleBook(roles: readonly RoleDefinition[], teams: TeamDirectory = NO_TEAMS): RoleBook {
  let byTeams = books.get(roles);
  if (!byTeams) {
    byTeams = new WeakMap();
    books.set(roles, byTeams);
  }
  let book = byTeams.get(teams);
  if (!book) {
    book = new RoleBook(roles, teams);
    byTeams.set(teams, book);
  }
  return book;
}
