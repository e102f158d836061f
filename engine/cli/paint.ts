import { styleText } from 'node:util';
import type { Paint } from '../report/text.ts';

/** Colour for stdout: styleText leaves it out when stdout is no terminal, or NO_COLOR is set. */
export const paint: Paint = (style, text) => styleText(style, text, { stream: process.stdout });
