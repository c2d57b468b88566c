/**
 * A formula cell an .xlsx holds without its result. Scripts and some libraries write the formula
 * alone, and it is computed only when Excel opens the file; Excel itself saves a result, but one
 * that is "" (=HVIS(…;"";…)) as an empty value, which exceljs hands over as no result either. In a
 * required column, read as empty, such a cell was rejected as «mangler verdi», which the user could
 * not make sense of: in Excel the cell may show a value. So there the xlsx reader writes this mark in
 * its place (read/xlsx.ts), the line-prefixer keeps it out of the pseudonyms (PATIENT_MARK), and the
 * validation gives the row this reason (validate/typed.ts). In a column that may be empty the cell
 * is read as empty, as Excel's "" is, and the file gets the warning `formel-uten-verdi`
 * (load/file-warnings.ts).
 *
 * The formula itself is never read: it may hold the patient's fødselsnummer as a literal
 * (="01017012345"), and the reason needs nothing from it.
 */

/**
 * What a CSV cell from the xlsx reader holds for such a cell: '#' first, so that the test for
 * Excel's error values (validate/typed.ts) takes it at no extra cost per row, and a control
 * character, which no cell of a saved workbook holds.
 */
export const UNSAVED_FORMULA_MARK = '#\u0002formel';

/** What the reader puts in a patient column's pseudonym field for it (as '!' for a rounded number). */
export const UNSAVED_FORMULA_PATIENT_MARK = '=';

export const UNSAVED_FORMULA = 'cellen har en formel uten lagret verdi (formelen gir tom tekst, eller filen er skrevet av et program eller skript og ikke lagret i Excel), så verdien kan ikke leses: '
  + 'forventet verdien selv; åpne filen i Excel og lagre den på nytt, eller eksporter verdiene i stedet for formlene';
