/** ASCII slugs from Norwegian names: rule-set ids the server accepts, and download file names. */

/** 'Terskel 6 t (Tromsø)' → 'terskel-6-t-tromso' (at most `max` characters, no dash at either end). */
export function slugify(name: string, max = 40): string {
  return name.toLowerCase()
    .replaceAll('æ', 'ae').replaceAll('ø', 'o').replaceAll('å', 'a')
    .normalize('NFKD').replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
}
