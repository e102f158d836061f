// The webhook event the workflow was started by, reduced to what the gate needs. Anything else,
// or a payload without the fields, is an error the gate reports as a failing check.
import { fromGitHub } from '../core/approvals/identity.ts';
import type { GateEventName } from '../core/gate/gate-report.ts';

export interface GateEvent {
  name: GateEventName;
  action: string;
  owner: string;
  repo: string;
  headSha: string;
  baseSha: string;
  /** The branch the change goes into, without refs/heads/. */
  baseRef: string;
  defaultBranch: string;
  /** Null for a merge group. */
  pullRequest: {
    number: number;
    /** Who opened it, as @login. */
    author: string;
    fork: boolean;
    draft: boolean;
    /** When GitHub opened it (ISO timestamp). */
    openedAt: string;
    /** Who pushed the head (@login), when this event is that push (synchronize): they cannot approve either. */
    pusher: string | null;
  } | null;
  /** A merge group's pull requests, as its head branch names them (gh-readonly-queue/<base>/pr-<n>-<sha>). */
  groupPulls: number[];
}

export class EventError extends Error {
  override name = 'EventError';
}

const HANDLED: Record<GateEventName, readonly string[]> = {
  pull_request: ['opened', 'synchronize', 'reopened', 'ready_for_review', 'edited'],
  pull_request_review: ['submitted', 'edited', 'dismissed'],
  merge_group: ['checks_requested'],
};

export function parseEvent(name: string, payload: unknown): GateEvent {
  if (!(name in HANDLED)) {
    throw new EventError(
      `the gate runs on pull_request, pull_request_review and merge_group events, not "${name}"; check the workflow's "on:"`,
    );
  }
  const event = name as GateEventName;
  const p = payload as Record<string, unknown>;
  const action = str(p, 'action');
  if (!HANDLED[event].includes(action)) {
    throw new EventError(
      `the gate does not handle ${event} "${action}" (it handles ${HANDLED[event].join(', ')})`,
    );
  }
  const repository = obj(p, 'repository');
  const owner = str(obj(repository, 'owner'), 'login');
  const repo = str(repository, 'name');
  const defaultBranch = str(repository, 'default_branch');
  if (event === 'merge_group') {
    const group = obj(p, 'merge_group');
    const headRef = str(group, 'head_ref');
    return {
      name: event,
      action,
      owner,
      repo,
      headSha: sha(group, 'head_sha'),
      baseSha: sha(group, 'base_sha'),
      baseRef: str(group, 'base_ref').replace(/^refs\/heads\//, ''),
      defaultBranch,
      pullRequest: null,
      groupPulls: [...headRef.matchAll(/\/pr-(\d+)-[0-9a-f]+$/g)].map((m) => Number(m[1])),
    };
  }
  const pr = obj(p, 'pull_request');
  const head = obj(pr, 'head');
  const base = obj(pr, 'base');
  const headRepo = head.repo as Record<string, unknown> | null;
  const baseRepo = obj(base, 'repo');
  // A head repository GitHub no longer knows (a deleted fork) is treated as a fork.
  const fork = !headRepo || str(headRepo, 'full_name') !== str(baseRepo, 'full_name');
  return {
    name: event,
    action,
    owner,
    repo,
    headSha: sha(head, 'sha'),
    baseSha: sha(base, 'sha'),
    baseRef: str(base, 'ref'),
    defaultBranch,
    pullRequest: {
      number: num(pr, 'number'),
      author: fromGitHub(str(obj(pr, 'user'), 'login')),
      fork,
      draft: pr.draft === true,
      openedAt: str(pr, 'created_at'),
      pusher:
        event === 'pull_request' && action === 'synchronize'
          ? fromGitHub(str(obj(p, 'sender'), 'login'))
          : null,
    },
    groupPulls: [],
  };
}

function obj(from: Record<string, unknown>, key: string): Record<string, unknown> {
  const v = from?.[key];
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw missing(key);
  return v as Record<string, unknown>;
}

function str(from: Record<string, unknown>, key: string): string {
  const v = from?.[key];
  if (typeof v !== 'string' || v === '') throw missing(key);
  return v;
}

function num(from: Record<string, unknown>, key: string): number {
  const v = from?.[key];
  if (typeof v !== 'number' || !Number.isInteger(v)) throw missing(key);
  return v;
}

function sha(from: Record<string, unknown>, key: string): string {
  const v = str(from, key);
  if (!/^[0-9a-f]{40}$/.test(v)) throw new EventError(`the event's ${key} "${v}" is not a commit SHA`);
  return v;
}

function missing(key: string): EventError {
  return new EventError(`the event payload has no "${key}"; it is not the webhook GitHub sends`);
}
