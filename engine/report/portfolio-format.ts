// What every portfolio renderer shares: how many rows a list shows, and how numbers read.
import type { PortfolioModel } from '../core/portfolio/model.ts';

/** Lists longer than this show their first rows and say how many more the JSON has. */
export const LIST_LIMIT = 25;

/** A fraction as a whole percentage: 0.41 → 41%. */
export function percent(fraction: number | null): string {
  return fraction === null ? '–' : `${Math.round(fraction * 100)}%`;
}

/** A number as the JSON has it, or a dash for none. */
export function num(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : String(value);
}

/** The money heading suffix: " (GBP)", or nothing without a currency. */
export function inCurrency(model: PortfolioModel): string {
  return model.settings.currency ? ` (${model.settings.currency})` : '';
}

/** The part of a list a page or a table shows: map it after cutting it, never the whole list. */
export function shown<T>(list: readonly T[]): readonly T[] {
  return list.slice(0, LIST_LIMIT);
}

/** "… and 12 more" for a list cut at LIST_LIMIT, or nothing. */
export function more(total: number): string | undefined {
  return total > LIST_LIMIT
    ? `… and ${total - LIST_LIMIT} more (coe portfolio --format json lists all)`
    : undefined;
}

export function entriesOf(record: Record<string, number>): [string, number][] {
  return Object.entries(record);
}

/** An amount with its currency code in front: GBP 48. */
export function amount(model: PortfolioModel, value: number | null): string {
  if (value === null) return '–';
  return model.settings.currency ? `${model.settings.currency} ${value}` : String(value);
}
