/**
 * Guesses the strptime format of a date/time column from a few sample values. The guess is only a
 * fast path: values it does not fit still go through the full Norwegian parser, so a wrong or
 * missing guess costs time, never correctness.
 */
const SHAPES: Array<[RegExp, string]> = [
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, '%Y-%m-%dT%H:%M'],
  [/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, '%Y-%m-%dT%H:%M:%S'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/, '%Y-%m-%d %H:%M'],
  [/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/, '%Y-%m-%d %H:%M:%S'],
  [/^\d{4}-\d{2}-\d{2}$/, '%Y-%m-%d'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}$/, '%d.%m.%Y %H:%M'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}:\d{2}:\d{2}$/, '%d.%m.%Y %H:%M:%S'],
  [/^\d{1,2}\.\d{1,2}\.\d{4}$/, '%d.%m.%Y'],
  // The time with a dot, and after «kl.» (parsers.ts usk_ts_clock reads the rest of these forms).
  [/^\d{1,2}\.\d{1,2}\.\d{4} \d{1,2}\.\d{2}$/, '%d.%m.%Y %H.%M'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{1,2}\.\d{2}$/, '%d.%m.%Y kl. %H.%M'],
  [/^\d{1,2}\.\d{1,2}\.\d{4} kl\. \d{1,2}:\d{2}$/, '%d.%m.%Y kl. %H:%M'],
];

/**
 * The guessed forms the full parser reads only through usk_ts_clock, which takes exactly two minute
 * digits after this separator; strptime's %M takes one as well («9.5» as 09:05, with no time seen by
 * usk_has_time), so the fast path checks each value before it uses one of these (validate/typed.ts).
 */
export const TWO_DIGIT_MINUTES: Readonly<Record<string, string>> = {
  '%d.%m.%Y %H.%M': '.', '%d.%m.%Y kl. %H.%M': '.', '%d.%m.%Y kl. %H:%M': ':',
};

export function guessTimestampFormat(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) {
    const shape = SHAPES.find(([re]) => re.test(v.trim()));
    if (shape) counts.set(shape[1], (counts.get(shape[1]) ?? 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}
