/** Annotations: dated notes on one municipality or on all, shown on charts and in exports. */
import type { UskDb } from '../../pipelines/db/open.ts';
import { hasRole, type User } from '../auth/roles.ts';

export interface AnnotationRow {
  id: number;
  dato: string;
  kommunenr: string | null;
  fagomrade: string | null;
  text: string;
  /** The author's user id: only where the reader may see it (seesAuthors). */
  created_by?: string;
  created_at: string;
}

/**
 * Who wrote a note is the hospital's own business: its analysts and admins see the author, a leser
 * (often a municipality's reader) gets the note without it. The dashboard shows no author, and the
 * figures' notes (/api/reconciliation, /api/series: one cached answer for every role) never carry
 * one; who wrote or removed a note stays in the audit log either way.
 */
export const seesAuthors = (user: User): boolean => hasRole(user, 'analytiker');

const select = (authors: boolean) => `SELECT annotation_id AS id, strftime(dato, '%Y-%m-%d') AS dato, kommunenr, fagomrade, text,
  ${authors ? 'created_by, ' : ''}strftime(created_at, '%Y-%m-%dT%H:%M:%S%z') AS created_at FROM annotation`;

export interface AnnotationFilter {
  kommune?: string | undefined;
  from?: string | undefined; // YYYY-MM
  to?: string | undefined;
}

/** Notes for one municipality include the notes on all municipalities; their authors only when `authors` (seesAuthors). */
export async function listAnnotations(db: UskDb, f: AnnotationFilter, authors: boolean): Promise<AnnotationRow[]> {
  return db.json<AnnotationRow>(
    `${select(authors)} WHERE deleted_at IS NULL
       AND ($kommune::VARCHAR IS NULL OR kommunenr IS NULL OR kommunenr = $kommune)
       AND ($from::VARCHAR IS NULL OR strftime(dato, '%Y-%m') >= $from)
       AND ($to::VARCHAR IS NULL OR strftime(dato, '%Y-%m') <= $to)
     ORDER BY dato, annotation_id`,
    { kommune: f.kommune ?? null, from: f.from ?? null, to: f.to ?? null },
  );
}

export interface NewAnnotation {
  dato: string;
  kommunenr: string | null;
  fagomrade: string | null;
  text: string;
}

export async function createAnnotation(db: UskDb, a: NewAnnotation, userId: string): Promise<AnnotationRow> {
  const rows = await db.json<{ id: number }>(
    `INSERT INTO annotation (dato, kommunenr, fagomrade, text, created_by)
     VALUES ($dato::DATE, $kommunenr, $fagomrade, $text, $by) RETURNING annotation_id AS id`,
    { dato: a.dato, kommunenr: a.kommunenr, fagomrade: a.fagomrade, text: a.text, by: userId },
  );
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('INSERT INTO annotation returnerte ingen rad');
  // Only an admin writes notes, and the answer goes to the one who wrote it.
  const [row] = await db.json<AnnotationRow>(`${select(true)} WHERE annotation_id = $id`, { id });
  if (!row) throw new Error(`Merknad ${id} forsvant etter innsetting`);
  return row;
}

/** Soft delete; returns false when there was no such (live) note. */
export async function deleteAnnotation(db: UskDb, id: number): Promise<boolean> {
  const rows = await db.json<{ id: number }>(
    `UPDATE annotation SET deleted_at = current_timestamp WHERE annotation_id = $id AND deleted_at IS NULL
     RETURNING annotation_id AS id`,
    { id },
  );
  return rows.length > 0;
}
