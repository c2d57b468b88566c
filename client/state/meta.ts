import type { Meta } from '../api/schemas.ts';

/**
 * What a fresh /api/meta changes on the page (main.ts refreshMeta): `data` when the server's data
 * or cache version moved (the view is drawn again), `notebooks` when the notebooks were built or
 * went stale meanwhile (the menu offers «Notatbøker» or stops offering it). Both false: nothing to
 * do. Asked apart, since a notebook build moves neither version and was never shown until a reload.
 */
export function metaChange(known: Meta | undefined, fresh: Meta): { data: boolean; notebooks: boolean } {
  return {
    data: !known || fresh.cacheVersion !== known.cacheVersion || fresh.dataVersion !== known.dataVersion,
    notebooks: fresh.notebooks !== known?.notebooks,
  };
}
