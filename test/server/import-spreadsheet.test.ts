import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import zlib from 'node:zlib';
import * as XLSX from '@e965/xlsx';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readPackage, SPREADSHEET_LIMITS } from '../../server/features/imports/formats/spreadsheet';
import { adminAuth, type TestApp } from '../helpers/app';
import { dryRun, emptyAtlas, firstSample, importBytes } from './import-real-files.helpers';

// Spreadsheets (XLSX, ODS, XLS) go through the CSV pipeline: their first sheet with data is read as a
// table, with the sheet's own row numbers. Untrusted files are refused before they take the memory.

const SPREADSHEETS = resolve(process.cwd(), 'test/fixtures/imports/spreadsheets');
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function fixture(name: string): Buffer {
  return readFileSync(resolve(SPREADSHEETS, name));
}

/** A workbook with these sheets, in this order. */
function workbook(sheets: Record<string, XLSX.WorkSheet>): XLSX.WorkBook {
  const wb = XLSX.utils.book_new();
  for (const [name, sheet] of Object.entries(sheets)) XLSX.utils.book_append_sheet(wb, sheet, name);
  return wb;
}

function sheet(rows: unknown[][]): XLSX.WorkSheet {
  return XLSX.utils.aoa_to_sheet(rows, { UTC: true });
}

function file(wb: XLSX.WorkBook, bookType: 'xlsx' | 'ods' | 'xls'): Buffer {
  return XLSX.write(wb, { type: 'buffer', bookType, compression: true });
}

/** A ZIP archive of these files, as the CFB library writes one. */
function zip(files: Record<string, string>): Buffer {
  const container = XLSX.CFB.utils.cfb_new();
  for (const [name, content] of Object.entries(files))
    XLSX.CFB.utils.cfb_add(container, name, Buffer.from(content));
  return XLSX.CFB.write(container, { fileType: 'zip', type: 'buffer', compression: true });
}

const PLACES = [
  ['nom', 'adresse', 'lat', 'lon', 'ouverture'],
  ['Fablab de la Côte', '2 quai de l’Horloge', 43.296482, 5.36978, new Date(Date.UTC(2023, 8, 1))],
  ['Tiers-lieu Ébène', '14 rue des Écoles', 45.764043, 4.835659, new Date(Date.UTC(2021, 0, 15))],
];

describe('spreadsheet imports', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await emptyAtlas();
  });
  afterAll(async () => {
    await t.close();
  });

  async function refused(bytes: Buffer, query: Record<string, string> = {}) {
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/imports',
      headers: { ...adminAuth, 'content-type': XLSX_TYPE },
      query: { dryRun: 'true', ...query },
      payload: bytes,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    return res.json() as { code: string; detail: string };
  }

  it('previews an XLSX: its columns, the mapping guessed, the rows with the sheet’s row numbers', async () => {
    const r = await dryRun(t, fixture('cget-tiers-lieux-2019_extrait.xlsx'));
    expect(r.format).toBe('csv');
    expect(r.report.encoding).toBe('XLSX, sheet "Tiers-lieux"');
    expect(r.report.columns).toEqual([
      'ID',
      'NOM_TL',
      'ADRESSE',
      'CP',
      'NOMCOM',
      'INSEECOM',
      'TYPO',
      'LAT',
      'LONG',
      'WEB',
      'date_ajout',
    ]);
    expect(r.report.mapping?.fields).toMatchObject({
      name: 'NOM_TL',
      street: 'ADRESSE',
      postcode: 'CP',
      city: 'NOMCOM',
      latitude: 'LAT',
      longitude: 'LONG',
      url: 'WEB',
    });
    expect(r.counts).toMatchObject({ read: 4, create: 4, rejected: 0 });
    // The title and a blank row come first: the header is row 3, as the spreadsheet shows it.
    expect(r.report.sourceRows?.map((s) => s.row)).toEqual([4, 5, 6, 7]);
    expect(r.report.sourceRows?.[0]?.cells).toEqual([
      '1',
      'ADE Coworking',
      '9 Rue du Petit Châtelier',
      '44300',
      'Nantes',
      '44109',
      'Tiers lieux à dominante coworking',
      '47.245935',
      '-1.505602',
      'www.ade-coworking.net',
      '2019-06-03',
    ]);
    // A code kept as a number formatted `00000` keeps its zero.
    expect(r.report.sourceRows?.[2]?.cells[5]).toBe('01053');
    expect(r.report.warnings).toEqual(
      expect.arrayContaining([
        'sheet "Tiers-lieux" read; other sheets with data left out: "Source"',
        '1 title row(s) above the header skipped',
      ]),
    );
  });

  it('imports an XLSX with its coordinates exactly as written', async () => {
    const r = await importBytes(t, fixture('cget-tiers-lieux-2019_extrait.xlsx'), {
      sourceName: 'cget-xlsx',
    });
    expect(r).toMatchObject({ status: 'done', counts: { created: 4, rejected: 0 } });
    const entries = await t.app.db
      .selectFrom('entries')
      .select(['name', 'insee_code', sql<number>`ST_Y(geom)`.as('lat'), sql<number>`ST_X(geom)`.as('lng')])
      .where('source', '=', 'cget-xlsx')
      .orderBy('name')
      .execute();
    expect(entries).toEqual([
      { name: 'ADE Coworking', insee_code: '44109', lat: 47.245935, lng: -1.505602 },
      { name: 'Anticafé', insee_code: '75110', lat: 48.869483, lng: 2.361539 },
      { name: 'Coworkain', insee_code: '01053', lat: 46.204867, lng: 5.222629 },
      { name: 'Regus Biot Sophia Antipolis', insee_code: '06018', lat: 43.616274, lng: 7.067898 },
    ]);
  });

  it('reads a "lieux de médiation numérique" ODS as mednum-csv', async () => {
    const r = await dryRun(t, fixture('lamednum_exemple-valide.ods'));
    expect(r.format).toBe('mednum-csv');
    expect(r.report.encoding).toBe('ODS, sheet "lieux"');
    expect(r.counts).toMatchObject({ read: 1, create: 1, rejected: 0 });
    expect(r.report.mapping?.fields).toMatchObject({
      name: 'nom',
      latitude: 'latitude',
      longitude: 'longitude',
    });
    const cells = r.report.sourceRows?.[0]?.cells ?? [];
    const cell = (column: string) => cells[r.report.columns?.indexOf(column) ?? -1];
    expect(r.report.sourceRows?.[0]?.row).toBe(2);
    expect([cell('nom'), cell('latitude'), cell('longitude'), cell('date_maj')]).toEqual([
      'Anonymal',
      '43.52609',
      '5.41423',
      '2024-04-02',
    ]);
    expect(firstSample(r).geometry).toEqual({
      type: 'Point',
      coordinates: [5.41423, 43.52609],
    });
  });

  it.each(['ods', 'xls'] as const)('reads a %s file as an XLSX', async (bookType) => {
    const r = await dryRun(t, file(workbook({ Lieux: sheet(PLACES) }), bookType));
    expect(r.format).toBe('csv');
    expect(r.report.encoding).toBe(`${bookType.toUpperCase()}, sheet "Lieux"`);
    expect(r.report.sourceRows).toEqual([
      { row: 2, cells: ['Fablab de la Côte', '2 quai de l’Horloge', '43.296482', '5.36978', '2023-09-01'] },
      { row: 3, cells: ['Tiers-lieu Ébène', '14 rue des Écoles', '45.764043', '4.835659', '2021-01-15'] },
    ]);
    expect(r.counts).toMatchObject({ read: 2, create: 2 });
  });

  it('takes the first visible sheet with data, and says which sheets it left out', async () => {
    const wb = workbook({ Vide: sheet([]), Listes: sheet([['type'], ['fablab']]), Lieux: sheet(PLACES) });
    wb.Workbook = { Sheets: [{ Hidden: 0 }, { Hidden: 1 }, { Hidden: 0 }] };
    const r = await dryRun(t, file(wb, 'xlsx'));
    expect(r.report.encoding).toBe('XLSX, sheet "Lieux"');
    expect(r.report.warnings).toContain('sheet "Lieux" read; other sheets with data left out: "Listes"');
  });

  it('reads the value a formula last gave, and never computes it', async () => {
    const ws = sheet([
      ['nom', 'lat', 'lon', 'total'],
      ['Atelier', 45.1, 4.2, null],
    ]);
    // The cached value differs from what the formula would give: the file's value is the one read.
    ws.D2 = { t: 'n', v: 3, f: '1+1' };
    ws.A2 = { t: 's', v: 'Atelier', f: 'CONCATENATE("Ate","lier")' };
    const r = await dryRun(t, file(workbook({ Lieux: ws }), 'xlsx'));
    expect(r.report.sourceRows?.[0]?.cells).toEqual(['Atelier', '45.1', '4.2', '3']);
  });

  it('refuses an empty workbook', async () => {
    const problem = await refused(
      file(workbook({ Feuille1: sheet([]), Feuille2: sheet([[null, '']]) }), 'xlsx'),
    );
    expect(problem.code).toBe('empty');
    expect(problem.detail).toMatch(/every sheet is empty/);
  });

  it('refuses a ZIP archive that is not a spreadsheet, and says what it is', async () => {
    const docx = zip({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w:document/>' });
    expect(await refused(docx)).toMatchObject({
      code: 'not-spreadsheet',
      detail: expect.stringMatching(/Word/),
    });
    const photos = zip({ 'photo.txt': 'not a table' });
    expect((await refused(photos)).code).toBe('not-spreadsheet');
  });

  it('reads the KML map of a KMZ archive', async () => {
    const kml =
      '<?xml version="1.0"?><kml xmlns="http://www.opengis.net/kml/2.2"><Document><Placemark><name>Fablab</name>' +
      '<Point><coordinates>4.835659,45.764043</coordinates></Point></Placemark></Document></kml>';
    const r = await dryRun(t, zip({ 'doc.kml': kml, 'files/icon.txt': 'icon' }));
    expect(r.format).toBe('kml');
    expect(r.report.encoding).toBe('utf-8, doc.kml of a KMZ');
    expect(r.counts).toMatchObject({ read: 1, create: 1 });
  });

  it('refuses a sheet that declares more rows than an import reads', async () => {
    // Written as a spreadsheet writes it (SheetJS would take seconds to write a million empty rows).
    const tall = withSheetXml(file(workbook({ Lieux: sheet(PLACES) }), 'xlsx'), (xml) =>
      xml
        .replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:E1048576"/>')
        .replace('</sheetData>', '<row r="1048576"><c r="A1048576"><v>1</v></c></row></sheetData>'),
    );
    const problem = await refused(tall);
    expect(problem.code).toBe('too-many-rows');
    expect(problem.detail).toMatch(/1,048,576 rows; an import reads at most 200,000/);
  });

  it('refuses a header wider than an import takes', async () => {
    const header = Array.from({ length: 600 }, (_, i) => `c${i + 1}`);
    const problem = await refused(file(workbook({ Large: sheet([header, header.map(() => 1)]) }), 'xlsx'));
    expect(problem.code).toBe('too-many-columns');
  });

  it('refuses a truncated XLSX', async () => {
    const whole = fixture('cget-tiers-lieux-2019_extrait.xlsx');
    const problem = await refused(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(problem.code).toBe('invalid-archive');
  });

  it('refuses a zip bomb once its files unpack beyond the limit, whatever sizes it declares', async () => {
    const bomb = await zipWithDeflated(
      'xl/worksheets/sheet1.xml',
      SPREADSHEET_LIMITS.unzippedBytes + (16 << 20),
    );
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const problem = await refused(bomb);
    expect(problem.code).toBe('spreadsheet-too-large');
    expect(problem.detail).toMatch(/unpack to more than 256 MB/);
  });

  it('refuses an ODS whose repeat counts stand for billions of cells', async () => {
    const row =
      '<table:table-row table:number-rows-repeated="1048576"><table:table-cell table:number-columns-repeated="16384" ' +
      'office:value-type="float" office:value="1"><text:p>1</text:p></table:table-cell></table:table-row>';
    const problem = await refused(ods(`${row}`));
    expect(problem.code).toBe('spreadsheet-too-large');
  });

  it('stops reading a file that takes more memory or time than a worker has', async () => {
    // One hyperlink over every cell of a sheet: SheetJS would make 17 billion cells of it.
    const linked = withSheetXml(file(workbook({ Lieux: sheet(PLACES) }), 'xlsx'), (xml) =>
      xml.replace(
        '</sheetData>',
        '</sheetData><hyperlinks><hyperlink ref="A1:XFD1048576" location="Lieux!A1"/></hyperlinks>',
      ),
    );
    const small = { heapMb: 128, timeMs: 60_000 };
    const plain = file(workbook({ Lieux: sheet(PLACES) }), 'xlsx');
    await expect(readPackage(plain, small)).resolves.toMatchObject({ sheet: { name: 'Lieux' } });
    await expect(readPackage(linked, small)).rejects.toMatchObject({
      code: 'spreadsheet-too-large',
      message: expect.stringMatching(/more than 128 MB of memory/),
    });
    await expect(readPackage(linked, { heapMb: 1024, timeMs: 50 })).rejects.toMatchObject({
      code: 'spreadsheet-too-large',
      message: expect.stringMatching(/more than 0.05 s to read/),
    });
  });

  it('says a password-protected spreadsheet is, rather than that it is damaged', async () => {
    const container = XLSX.CFB.utils.cfb_new();
    XLSX.CFB.utils.cfb_add(container, 'EncryptionInfo', Buffer.alloc(64, 1));
    XLSX.CFB.utils.cfb_add(container, 'EncryptedPackage', Buffer.alloc(4096, 2));
    const protectedXlsx: Buffer = XLSX.CFB.write(container, { fileType: 'cfb', type: 'buffer' });
    expect((await refused(protectedXlsx)).code).toBe('encrypted');
  });

  it('refuses a spreadsheet sent as another format than a table', async () => {
    const problem = await refused(file(workbook({ Lieux: sheet(PLACES) }), 'xlsx'), { format: 'geojson' });
    expect(problem.code).toBe('wrong-format');
  });
});

/** The XLSX with its first sheet's XML changed. */
function withSheetXml(bytes: Buffer, change: (xml: string) => string): Buffer {
  const container = XLSX.CFB.read(bytes, { type: 'buffer' });
  const index = container.FullPaths.findIndex((path: string) => path.endsWith('xl/worksheets/sheet1.xml'));
  const entry = container.FileIndex[index];
  entry.content = Buffer.from(change(Buffer.from(entry.content).toString('utf8')));
  entry.size = entry.content.length;
  return XLSX.CFB.write(container, { fileType: 'zip', type: 'buffer', compression: true });
}

/** An ODS file whose only sheet holds these rows (content.xml written by hand). */
function ods(rows: string): Buffer {
  const ns =
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" ' +
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" ' +
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"';
  return zip({
    mimetype: 'application/vnd.oasis.opendocument.spreadsheet',
    'META-INF/manifest.xml':
      '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">' +
      '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>' +
      '</manifest:manifest>',
    'styles.xml': `<office:document-styles ${ns}/>`,
    'content.xml':
      `<office:document-content ${ns}><office:body><office:spreadsheet><table:table table:name="Lieux">` +
      `${rows}</table:table></office:spreadsheet></office:body></office:document-content>`,
  });
}

/**
 * A ZIP archive of one file of `size` zero bytes, deflated (a few hundred KB), whose headers declare it
 * 1 KB: a zip bomb that lies about its size.
 */
async function zipWithDeflated(name: string, size: number): Promise<Buffer> {
  const deflate = zlib.createDeflateRaw({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zeros = Buffer.alloc(1 << 20);
  for (let written = 0; written < size; written += zeros.length) {
    if (!deflate.write(zeros)) await once(deflate, 'drain');
  }
  deflate.end();
  await once(deflate, 'end');
  const data = Buffer.concat(chunks);
  const fileName = Buffer.from(name);
  const declared = 1024;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(data.length, 18);
  local.writeUInt32LE(declared, 22);
  local.writeUInt16LE(fileName.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(data.length, 20);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(fileName.length, 28);
  central.writeUInt32LE(0, 42); // the local header's offset
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + fileName.length, 12);
  end.writeUInt32LE(local.length + fileName.length + data.length, 16);
  return Buffer.concat([local, fileName, data, central, fileName, end]);
}
