/** A mistake in how a command was called or in what it was pointed at: exit 2, one line, no stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}
