// Finds where a document path sits in the YAML text. Built from js-yaml's event stream,
// and only for files that have problems: the happy path never pays for it.
import { EVENT_ID, type Event, getScalarValue, parseEvents, SCALAR_STYLE } from 'js-yaml';
import { formatPath, type PathSegment } from './path.ts';

export interface Position {
  line: number;
  column: number;
}

interface Spot {
  key?: number; // offset of the mapping key that names this node
  value: number; // offset of the node itself
  scalar: boolean;
}

interface Frame {
  kind: 'map' | 'seq' | 'doc';
  path: PathSegment[];
  index: number;
  key: string | null; // the key whose value comes next, in a map
}

export class Locator {
  private readonly spots = new Map<string, Spot>();
  private readonly lineStarts: number[] = [0];
  private readonly keyOffsets = new WeakMap<Frame, number>();
  private readonly text: string;
  readonly aliasOffsets: number[] = [];

  constructor(text: string) {
    this.text = text;
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    let events: Event[] = [];
    try {
      events = parseEvents(text, {});
    } catch {
      // A file that does not parse has its own syntax problem with a position.
    }
    this.index(events);
  }

  private index(events: Event[]): void {
    const stack: Frame[] = [];
    for (const ev of events) {
      if (ev.type === EVENT_ID.POP) {
        const done = stack.pop();
        const parent = stack.at(-1);
        // A complex (non-scalar) key has closed: what follows is its value.
        if (done && parent?.kind === 'map' && parent.key === null && done.path === parent.path)
          parent.key = '?';
        continue;
      }
      if (ev.type === EVENT_ID.DOCUMENT) {
        stack.push({ kind: 'doc', path: [], index: 0, key: null });
        continue;
      }
      const offset =
        ev.type === EVENT_ID.SCALAR
          ? ev.valueStart
          : ev.type === EVENT_ID.ALIAS
            ? Math.max(0, ev.anchorStart - 1)
            : ev.start;
      if (ev.type === EVENT_ID.ALIAS) this.aliasOffsets.push(offset);
      const parent = stack.at(-1);
      let path: PathSegment[] = [];
      let keyOffset: number | undefined;
      if (parent?.kind === 'map') {
        if (parent.key === null) {
          // This node is a key.
          if (ev.type === EVENT_ID.SCALAR) {
            parent.key = getScalarValue(this.text, ev);
            this.keyOffsets.set(parent, offset);
          } else if (ev.type === EVENT_ID.MAPPING || ev.type === EVENT_ID.SEQUENCE) {
            stack.push({
              kind: ev.type === EVENT_ID.MAPPING ? 'map' : 'seq',
              path: parent.path,
              index: 0,
              key: null,
            });
          } else parent.key = '?';
          continue;
        }
        path = [...parent.path, parent.key];
        keyOffset = this.keyOffsets.get(parent);
        parent.key = null;
      } else if (parent?.kind === 'seq') {
        path = [...parent.path, parent.index++];
      }
      const id = formatPath(path);
      // Block scalars (| and >) start on the next line; their key is where a reader looks.
      const inline =
        ev.type === EVENT_ID.ALIAS ||
        (ev.type === EVENT_ID.SCALAR &&
          ev.style !== SCALAR_STYLE.LITERAL_BLOCK &&
          ev.style !== SCALAR_STYLE.FOLDED_BLOCK);
      if (!this.spots.has(id)) this.spots.set(id, { key: keyOffset, value: offset, scalar: inline });
      if (ev.type === EVENT_ID.MAPPING) stack.push({ kind: 'map', path, index: 0, key: null });
      else if (ev.type === EVENT_ID.SEQUENCE) stack.push({ kind: 'seq', path, index: 0, key: null });
    }
  }

  /**
   * Position of the node at `path`: its value when it is a scalar, else the key that names it.
   * Falls back to the nearest ancestor that exists (for a missing field, the object that lacks it).
   */
  locate(path: readonly PathSegment[], prefer: 'key' | 'value' = 'value'): Position {
    for (let n = path.length; n >= 0; n--) {
      const spot = this.spots.get(formatPath(path.slice(0, n)));
      if (!spot) continue;
      const useKey = spot.key !== undefined && (prefer === 'key' || !spot.scalar);
      return this.position(useKey ? (spot.key as number) : spot.value);
    }
    return { line: 1, column: 1 };
  }

  position(offset: number): Position {
    return positionFromLineStarts(this.lineStarts, offset);
  }
}

/** 1-based line and column of a character offset in `text`. */
export function positionIn(text: string, offset: number): Position {
  const starts = [0];
  for (let i = 0; i < offset; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return positionFromLineStarts(starts, offset);
}

function positionFromLineStarts(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] as number) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] as number) + 1 };
}
