/** Annotations: dated notes on one municipality or on all, shown on charts and in exports. */
import type { UskDb } from '../../pipelines/db/open.ts';

export interface AnnotationRow {
  id: number;
  dato: string;
  kommunenr: string | null;
  fagomrade: string | null;
  text: string;
  created_by: string;
  created_at: string;
}

const SELECT = `SELECT annotation_id AS id, strftime(dato, '%Y-%m-%d') AS dato, kommunenr, fagomrade, text, created_by,
  strftime(created_at, '%Y-%m-%dT%H:%M:%S%z') AS created_at FROM annotation`;

export interface AnnotationFilter {
  kommune?: string | undefined;
  from?: string | undefined; // YYYY-MM
  to?: string | undefined;
}

/** Notes for one municipality include the notes on all municipalities. */
export async function listAnnotations(db: UskDb, f: AnnotationFilter): Promise<AnnotationRow[]> {
  return db.json<AnnotationRow>(
    `${SELECT} WHERE deleted_at IS NULL
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
  const [row] = await db.json<AnnotationRow>(`${SELECT} WHERE annotation_id = $id`, { id });
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
