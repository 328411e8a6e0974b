import * as XLSX from '@e965/xlsx';
import { ImportInputError } from './format';
import { SPREADSHEET_LIMITS } from './spreadsheet';
import { MAX_COLUMNS } from './table';

// A workbook as SheetJS read it (dense, no cell text, number formats kept) to the sheet an import reads.

export type SpreadsheetKind = 'XLSX' | 'XLSB' | 'ODS' | 'XLS';

/** One row of a sheet as text: `row` as the spreadsheet numbers it (from 1). */
export interface SheetRow {
  row: number;
  /** Trailing empty cells left out; cut after MAX_COLUMNS + 1 cells when the row is wider. */
  cells: string[];
  /** The row's width up to its last filled cell. */
  width: number;
}

/** The sheet an import reads. Empty rows are left out. */
export interface SheetContent {
  kind: SpreadsheetKind;
  name: string;
  rows: SheetRow[];
  warnings: string[];
}

/** The first visible sheet with data, as rows of text. Throws ImportInputError when there is none. */
export function firstSheet(workbook: XLSX.WorkBook, kind: SpreadsheetKind): SheetContent {
  const withData = workbook.SheetNames.filter((name) => hasData(workbook.Sheets[name]));
  const hidden = new Set(
    (workbook.Workbook?.Sheets ?? []).filter((s) => (s.Hidden ?? 0) !== 0).map((s) => s.name),
  );
  // A hidden sheet holds the lists that drop-downs offer, more often than the data.
  const name = withData.find((n) => !hidden.has(n)) ?? withData[0];
  if (name === undefined) {
    throw new ImportInputError(`The ${kind} spreadsheet holds no data: every sheet is empty.`, 'empty');
  }
  const sheet = workbook.Sheets[name] as XLSX.WorkSheet;
  const rows = sheetRows(sheet, workbook.Workbook?.WBProps?.date1904 === true, name);
  const others = withData.filter((n) => n !== name);
  const warnings =
    others.length === 0
      ? []
      : [
          `sheet "${name}" read; other sheets with data left out: ${others
            .slice(0, 5)
            .map((n) => `"${n}"`)
            .join(', ')}${others.length > 5 ? ` and ${others.length - 5} more` : ''}`,
        ];
  return { kind, name, rows, warnings };
}

function hasData(sheet: XLSX.WorkSheet | undefined): boolean {
  return (sheet?.['!data'] ?? []).some((row) => row?.some((cell) => cellText(cell, false) !== ''));
}

function sheetRows(sheet: XLSX.WorkSheet, date1904: boolean, name: string): SheetRow[] {
  const data = sheet['!data'] ?? [];
  // The declared extent (`!fullref` keeps it when SheetJS stopped at `sheetRows`), or the data itself
  // when a sheet declares less than it holds.
  const declared = sheet['!fullref'] ?? sheet['!ref'];
  const height = Math.max(declared ? XLSX.utils.decode_range(declared).e.r + 1 : 0, data.length);
  if (height > SPREADSHEET_LIMITS.rows) {
    throw new ImportInputError(
      `The sheet "${name}" has ${height.toLocaleString('en')} rows; an import reads at most ${SPREADSHEET_LIMITS.rows.toLocaleString('en')}.`,
      'too-many-rows',
    );
  }
  const rows: SheetRow[] = [];
  data.forEach((cells, r) => {
    if (!cells) return;
    let width = cells.length;
    while (width > 0 && cellText(cells[width - 1], date1904) === '') width--;
    if (width === 0) return;
    const texts: string[] = [];
    for (let c = 0; c < Math.min(width, MAX_COLUMNS + 1); c++) texts.push(cellText(cells[c], date1904));
    rows.push({ row: r + 1, cells: texts, width });
  });
  return rows;
}

/**
 * A cell as text: numbers as stored (no display rounding; at most 15 significant digits, as spreadsheets
 * show them), dates as ISO 8601, zero-padded codes (postcodes formatted `00000`) with their zeros.
 */
function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v);
    case 'b':
      return cell.v ? 'true' : 'false';
    case 'n':
      return numberText(cell.v as number, typeof cell.z === 'string' ? cell.z : undefined, date1904);
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString() : String(cell.v);
    default:
      // Errors (#N/A, #DIV/0!) and empty cells hold no value.
      return '';
  }
}

function numberText(value: number, format: string | undefined, date1904: boolean): string {
  if (!Number.isFinite(value)) return '';
  if (format && XLSX.SSF.is_date(format)) {
    const d = XLSX.SSF.parse_date_code(value, { date1904 });
    if (d) {
      const pad = (n: number, size = 2) => String(n).padStart(size, '0');
      const time = `${pad(d.H)}:${pad(d.M)}${d.S ? `:${pad(d.S)}` : ''}`;
      // A time alone is a fraction of a day (an opening hour).
      if (value >= 0 && value < 1) return time;
      const date = `${pad(d.y, 4)}-${pad(d.m)}-${pad(d.d)}`;
      return d.H || d.M || d.S ? `${date}T${time}` : date;
    }
  }
  if (format && /^0+$/.test(format) && Number.isInteger(value) && value >= 0) {
    return String(value).padStart(format.length, '0');
  }
  return String(Number(value.toPrecision(15)));
}
