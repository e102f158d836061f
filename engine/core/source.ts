// What the engine reads: a file's bytes by its repository path, and a manifest once loaded. Types
// only, in a module of their own, so the readers and the checks that share them import no cycle.
import type { Event } from 'js-yaml';
import type { UseCase } from '../schema/usecase.gen.ts';

export interface SourceFile {
  /** Repository-relative path with forward slashes. */
  file: string;
  /** The file's bytes; called once while checking, and again only to locate a cross-file problem. */
  read: () => Uint8Array;
}

export interface LoadedManifest {
  file: string;
  text: string;
  manifest: UseCase;
  /** The parse events of `text`, for locating lines without parsing again. */
  events?: Event[];
}
