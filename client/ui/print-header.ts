/**
 * The line on top of every printed page: view, rule set and data as-of. Printed in the page's top
 * margin (an @page margin box in styles.css) from the custom property --print-header, so it repeats
 * on every page without covering what the page prints; a fixed element printed at the bottom of
 * pages and over the stay lines. The hidden element keeps the same text for whoever reads it.
 */
export function setPrintHeader(text: string): void {
  const el = document.getElementById('print-header');
  if (el) el.textContent = text;
  // A CSS string: JSON's quoting and escapes are valid CSS string syntax for this text.
  document.documentElement.style.setProperty('--print-header', JSON.stringify(text));
}

export function printHeaderText(): string {
  return document.getElementById('print-header')?.textContent ?? '';
}
