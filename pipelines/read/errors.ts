/**
 * A file refused whole: nothing from it is loaded. The message is Norwegian and says what was
 * expected; file/line/column point at the place when there is one.
 */
export class RefusedFileError extends Error {
  override readonly name = 'RefusedFileError';
  constructor(
    readonly file: string,
    readonly reason: string,
    readonly where: { line?: number; column?: string } = {},
  ) {
    const at = [where.line !== undefined ? `linje ${where.line}` : '', where.column ? `kolonne «${where.column}»` : '']
      .filter(Boolean)
      .join(', ');
    super(`${file}${at ? ` (${at})` : ''}: ${reason}`);
  }
}
