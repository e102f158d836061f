// Finds where a document path sits in the YAML text, from js-yaml's event stream. The events
// come from the parse that produced the value (no second parse), and each lookup walks only down
// the requested path, skipping other subtrees: files without problems never pay for positions.
import { EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
import type { PathSegment } from './path.ts';

export interface Position {
  line: number;
  column: number;
}

/** A position and where its token ends (the line and column just past it), for a viewer to highlight. */
export interface Span extends Position {
  endLine: number;
  endColumn: number;
}

interface Token {
  start: number;
  end: number; // offset just past the token
}

interface Spot {
  key?: Token; // the mapping key that names the node
  value: Token; // the node itself (a collection: its first character)
  inline: boolean; // a scalar or alias on its key's line
}

export class Locator {
  private readonly text: string;
  private events: Event[] | undefined;
  // Built on first use, for the lookups after it: a file with problems has several (a policy
  // file's rules are each located, a failing manifest's findings), and each would otherwise walk
  // the events and count the lines from the top again.
  /** The event indexes of each collection's children (a mapping's keys, a sequence's items), by its own. */
  private readonly children = new Map<number, number[]>();
  /** The offset at which each line starts. */
  private lineStarts: number[] | undefined;

  /** `events`: the parse of `text`, when the caller has it; otherwise parsed on first use. */
  constructor(text: string, events?: Event[]) {
    this.text = text;
    this.events = events;
  }

  private parsed(): Event[] {
    if (!this.events) {
      try {
        this.events = parseEvents(this.text, {});
      } catch {
        this.events = []; // a file that does not parse has its own syntax problem with a position
      }
    }
    return this.events;
  }

  /**
   * Position of the node at `path`: its value when it is an inline scalar, else the key that
   * names it. Falls back to the deepest ancestor that exists (for a missing field, the mapping
   * that lacks it).
   */
  locate(path: readonly PathSegment[], prefer: 'key' | 'value' = 'value'): Position {
    const { line, column } = this.span(path, prefer);
    return { line, column };
  }

  /** As locate, with the end of the token found: the key, or the scalar value with its quotes. */
  span(path: readonly PathSegment[], prefer: 'key' | 'value' = 'value'): Span {
    const spot = this.find(path);
    if (!spot) return { line: 1, column: 1, endLine: 1, endColumn: 1 };
    const token = spot.key !== undefined && (prefer === 'key' || !spot.inline) ? spot.key : spot.value;
    const start = this.position(token.start);
    // The end from the start: a token spans a line or a few, not the file again.
    const end = positionAfter(this.text, start, token.start, token.end);
    return { ...start, endLine: end.line, endColumn: end.column };
  }

  /** Offset of the first alias (*name) in the text, if any. */
  firstAliasOffset(): number | undefined {
    const alias = this.parsed().find((e) => e.type === EVENT_ID.ALIAS);
    return alias && alias.type === EVENT_ID.ALIAS ? Math.max(0, alias.anchorStart - 1) : undefined;
  }

  position(offset: number): Position {
    if (!this.lineStarts) {
      this.lineStarts = [0];
      for (let nl = this.text.indexOf('\n'); nl !== -1; nl = this.text.indexOf('\n', nl + 1))
        this.lineStarts.push(nl + 1);
    }
    // The last line that starts at or before the offset.
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - (starts[low] as number) + 1 };
  }

  private childrenOf(events: readonly Event[], i: number): number[] {
    let out = this.children.get(i);
    if (!out) {
      out = [];
      const mapping = events[i]?.type === EVENT_ID.MAPPING;
      let j = i + 1;
      while (j < events.length && events[j]?.type !== EVENT_ID.POP) {
        out.push(j);
        j = skip(events, j);
        if (mapping) j = skip(events, j); // the key's value
      }
      this.children.set(i, out);
    }
    return out;
  }

  private find(path: readonly PathSegment[]): Spot | undefined {
    const events = this.parsed();
    let i = events[0]?.type === EVENT_ID.DOCUMENT ? 1 : 0;
    if (i >= events.length || events[i]?.type === EVENT_ID.POP) return undefined;
    let best: Spot = spotOf(events[i] as Event, undefined);
    for (let depth = 0; depth < path.length; depth++) {
      const node = events[i] as Event;
      const want = path[depth];
      let found: number | undefined;
      let keyToken: Token | undefined;
      if (node.type === EVENT_ID.MAPPING) {
        for (const k of this.childrenOf(events, i)) {
          const key = events[k] as Event;
          if (key.type === EVENT_ID.SCALAR && getScalarValue(this.text, key) === String(want)) {
            found = skip(events, k);
            keyToken = { start: key.valueStart, end: key.valueEnd };
            break;
          }
        }
      } else if (node.type === EVENT_ID.SEQUENCE && typeof want === 'number') {
        found = this.childrenOf(events, i)[want];
      }
      if (found === undefined || found >= events.length) break;
      i = found;
      best = spotOf(events[i] as Event, keyToken);
    }
    return best;
  }
}

/** Index just past the node that starts at `i` (a collection runs to its matching POP). */
function skip(events: readonly Event[], i: number): number {
  const first = events[i];
  if (first?.type !== EVENT_ID.MAPPING && first?.type !== EVENT_ID.SEQUENCE) return i + 1;
  let depth = 0;
  for (let j = i; j < events.length; j++) {
    const t = (events[j] as Event).type;
    if (t === EVENT_ID.MAPPING || t === EVENT_ID.SEQUENCE) depth++;
    else if (t === EVENT_ID.POP && --depth === 0) return j + 1;
  }
  return events.length;
}

function spotOf(ev: Event, key: Token | undefined): Spot {
  switch (ev.type) {
    case EVENT_ID.SCALAR: {
      // An empty value (`approvals:` and nothing after it) has no text of its own: its key does.
      if (ev.valueStart < 0) return { key, value: key ?? { start: 0, end: 0 }, inline: false };
      // Block scalars (| and >) start on the next line; their key is where a reader looks.
      const block = ev.style === SCALAR_STYLE.LITERAL_BLOCK || ev.style === SCALAR_STYLE.FOLDED_BLOCK;
      return { key, value: scalarToken(ev), inline: !block };
    }
    case EVENT_ID.ALIAS:
      return { key, value: { start: Math.max(0, ev.anchorStart - 1), end: ev.anchorEnd }, inline: true };
    case EVENT_ID.MAPPING:
    case EVENT_ID.SEQUENCE:
      return { key, value: { start: ev.start, end: ev.start + 1 }, inline: false };
    default:
      return { key, value: { start: 0, end: 0 }, inline: false };
  }
}

/** A scalar's text; a quoted one from its opening to its closing quote, where an editor puts the mark. */
function scalarToken(ev: Extract<Event, { type: typeof EVENT_ID.SCALAR }>): Token {
  const quoted = ev.style === SCALAR_STYLE.SINGLE_QUOTED || ev.style === SCALAR_STYLE.DOUBLE_QUOTED;
  return quoted
    ? { start: ev.valueStart - 1, end: ev.valueEnd + 1 }
    : { start: ev.valueStart, end: ev.valueEnd };
}

/** 1-based line and column of a character offset in `text`: newlines counted up to it only. */
export function positionIn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let nl = text.indexOf('\n'); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** positionIn(text, offset) for an offset at or after `from`, whose position is `at`. */
function positionAfter(text: string, at: Position, from: number, offset: number): Position {
  let line = at.line;
  let lineStart = from - at.column + 1;
  for (let nl = text.indexOf('\n', from); nl !== -1 && nl < offset; nl = text.indexOf('\n', nl + 1)) {
    line++;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
