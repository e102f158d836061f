// Dates as the CLI and the Action take them: YYYY-MM-DD naming a day that exists. Date.parse
// alone takes 2026-02-30 as 2 March, so a date is read back and must come out as written.

/** Whether `value` is YYYY-MM-DD and a real day of the Gregorian calendar. */
export function isCalendarDate(value: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return false;
  const day = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return day.getUTCFullYear() === Number(m[1]) && day.toISOString().slice(0, 10) === value;
}
