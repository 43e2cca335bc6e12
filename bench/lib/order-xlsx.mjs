// A school's filled order form as Excel saves it: the layout of `uchebnik order template`
// (src/features/order/template.ts: sheet «Заказ», «Код ОО:» in A2/B2, the header in row 5, a row per item
// and grade, «Итого» with SUM formulas, the veryHidden `_uchebnik` data sheet), but every text in the
// shared-strings table (Excel converts the template's inline strings when the school saves), formulas
// with their cached results, and the shared strings written after the sheets, as Excel orders the
// parts. Written with uchebnik's own zip writer (dist/io/sheets/zip-write.js) at deflate level 6 and a
// fixed timestamp, so the bytes are the same on every run.

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n';
const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG = 'http://schemas.openxmlformats.org/package/2006/relationships';

export const SHEET = 'Заказ';
export const HEADER_ROW = 5;
export const HEADER = ['Издательство', '№ ФП', 'Код издательства', 'ISBN', 'Авторы', 'Наименование', 'Класс', 'Цена, руб.', 'Количество', 'Сумма, руб.'];
const WIDTHS = [20, 14, 16, 17, 26, 46, 7, 11, 12, 13];
const COLS = 'ABCDEFGHIJ';

// cellXfs: 0 default, 1 title, 2 label, 3 header, 4 text, 5 plain, 6 money, 7 input, 8 total, 9 total money
const S = { title: 1, label: 2, header: 3, text: 4, plain: 5, money: 6, input: 7, total: 8, totalMoney: 9 };

const STYLES =
  XML_HEAD +
  `<styleSheet xmlns="${NS_MAIN}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>' +
  '<fonts count="3"><font><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="11"/><color theme="1"/><name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font>' +
  '<font><b/><sz val="13"/><color theme="1"/><name val="Calibri"/><family val="2"/><charset val="204"/><scheme val="minor"/></font></fonts>' +
  '<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFD9D9D9"/><bgColor indexed="64"/></patternFill></fill>' +
  '<fill><patternFill patternType="solid"><fgColor rgb="FFDDEBF7"/><bgColor indexed="64"/></patternFill></fill></fills>' +
  '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>' +
  '<border><left style="thin"><color indexed="64"/></left><right style="thin"><color indexed="64"/></right><top style="thin"><color indexed="64"/></top><bottom style="thin"><color indexed="64"/></bottom><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="10">' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="0" fontId="1" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment horizontal="center" vertical="center" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1" applyAlignment="1"><alignment vertical="top"/></xf>' +
  '<xf numFmtId="0" fontId="0" fillId="3" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyAlignment="1" applyProtection="1"><alignment vertical="top"/><protection locked="0"/></xf>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="1" xfId="0" applyFont="1" applyBorder="1"/>' +
  '<xf numFmtId="164" fontId="1" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyFont="1" applyBorder="1"/>' +
  '</cellXfs><cellStyles count="1"><cellStyle name="Обычный" xfId="0" builtinId="0"/></cellStyles><dxfs count="0"/><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>';

const CONTENT_TYPES =
  XML_HEAD +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>';

const ROOT_RELS =
  XML_HEAD +
  `<Relationships xmlns="${NS_PKG}">` +
  `<Relationship Id="rId3" Type="${NS_REL}/extended-properties" Target="docProps/app.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

const WORKBOOK_RELS =
  XML_HEAD +
  `<Relationships xmlns="${NS_PKG}">` +
  `<Relationship Id="rId2" Type="${NS_REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
  `<Relationship Id="rId1" Type="${NS_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId4" Type="${NS_REL}/sharedStrings" Target="sharedStrings.xml"/>` +
  `<Relationship Id="rId3" Type="${NS_REL}/styles" Target="styles.xml"/></Relationships>`;

const APP =
  XML_HEAD +
  '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
  '<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><AppVersion>16.0300</AppVersion></Properties>';

const CORE =
  XML_HEAD +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
  '<dc:creator>uchebnik</dc:creator><cp:lastModifiedBy>Учитель</cp:lastModifiedBy>' +
  '<dcterms:created xsi:type="dcterms:W3CDTF">2019-01-15T07:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2019-02-04T09:12:41Z</dcterms:modified></cp:coreProperties>';

export const WRITTEN = new Date(2019, 1, 4, 12, 12, 40);

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

class SharedStrings {
  constructor() {
    this.index = new Map();
    this.count = 0;
  }
  ref(s) {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) this.index.set(s, (i = this.index.size));
    return i;
  }
  xml() {
    const parts = [XML_HEAD, `<sst xmlns="${NS_MAIN}" count="${this.count}" uniqueCount="${this.index.size}">`];
    for (const s of this.index.keys()) parts.push(s !== s.trim() ? `<si><t xml:space="preserve">${esc(s)}</t></si>` : `<si><t>${esc(s)}</t></si>`);
    parts.push('</sst>');
    return parts.join('');
  }
}

/**
 * The workbook of one school.
 *   form: { school, schoolName, municipalityName, title, rows: [{ publisher, fpu_code, item_code, isbn, authors,
 *           title, grade, price (roubles, a number or a typed text), quantity (number | string | null),
 *           sum: { formula: true, value } | { formula: false, value } }], total: { copies, sum } each
 *           { formula, value } with value a number or '#VALUE!' }
 *   data:  { meta: [[key, value]…], columns, rows } for the `_uchebnik` sheet
 * Returns { buffer, cells } — cells: the `<c>` elements of the order sheet that hold a value.
 */
export function orderWorkbook({ zipEntry, zipBuffer }, form, data) {
  const sst = new SharedStrings();
  let cells = 0;
  const str = (ref, s, style) => {
    cells++;
    return `<c r="${ref}"${style ? ` s="${style}"` : ''} t="s"><v>${sst.ref(s)}</v></c>`;
  };
  const num = (ref, v, style) => {
    cells++;
    return `<c r="${ref}"${style ? ` s="${style}"` : ''}><v>${v}</v></c>`;
  };
  const formula = (ref, f, v, style) => {
    cells++;
    return v === '#VALUE!' ? `<c r="${ref}" s="${style}" t="e"><f>${f}</f><v>#VALUE!</v></c>` : `<c r="${ref}" s="${style}"><f>${f}</f><v>${v}</v></c>`;
  };
  const rows = [];
  rows.push(`<row r="1" spans="1:10" ht="17.25" customHeight="1">${str('A1', form.title, S.title)}</row>`);
  [
    ['Код ОО:', form.school],
    ['Наименование ОО:', form.schoolName],
    ['Муниципалитет:', form.municipalityName],
  ].forEach(([label, value], i) => rows.push(`<row r="${2 + i}" spans="1:10">${str(`A${2 + i}`, label, S.label)}${str(`B${2 + i}`, value)}</row>`));
  rows.push(`<row r="${HEADER_ROW}" spans="1:10" ht="30" customHeight="1">${HEADER.map((h, i) => str(`${COLS[i]}${HEADER_ROW}`, h, S.header)).join('')}</row>`);
  const first = HEADER_ROW + 1;
  let r = first;
  for (const line of form.rows) {
    const c = [];
    const text = [line.publisher, line.fpu_code, line.item_code, line.isbn, line.authors, line.title];
    text.forEach((t, i) => c.push(t ? str(`${COLS[i]}${r}`, t, i === 0 || i >= 4 ? S.text : S.plain) : `<c r="${COLS[i]}${r}" s="${S.plain}"/>`));
    c.push(num(`G${r}`, line.grade, S.plain));
    c.push(typeof line.price === 'number' ? num(`H${r}`, line.price, S.money) : str(`H${r}`, line.price, S.money));
    if (line.quantity === null) c.push(`<c r="I${r}" s="${S.input}"/>`);
    else c.push(typeof line.quantity === 'number' ? num(`I${r}`, line.quantity, S.input) : str(`I${r}`, line.quantity, S.input));
    c.push(line.sum.formula ? formula(`J${r}`, `H${r}*I${r}`, line.sum.value, S.money) : num(`J${r}`, line.sum.value, S.money));
    rows.push(`<row r="${r}" spans="1:10" ht="${line.height}" customHeight="1">${c.join('')}</row>`);
    r++;
  }
  const last = r - 1;
  const t = form.total;
  const totalCells = [str(`A${r}`, 'Итого', S.total), ...'BCDEFGH'.split('').map((col) => `<c r="${col}${r}" s="${S.total}"/>`)];
  totalCells.push(t.copies.formula ? formula(`I${r}`, `SUM(I${first}:I${last})`, t.copies.value, S.total) : num(`I${r}`, t.copies.value, S.total));
  totalCells.push(t.sum.formula ? formula(`J${r}`, `SUM(J${first}:J${last})`, t.sum.value, S.totalMoney) : num(`J${r}`, t.sum.value, S.totalMoney));
  rows.push(`<row r="${r}" spans="1:10">${totalCells.join('')}</row>`);

  const sheet1 =
    XML_HEAD +
    `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetPr filterMode="0"><pageSetUpPr fitToPage="1"/></sheetPr><dimension ref="A1:J${r}"/>` +
    `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="${HEADER_ROW}" topLeftCell="A${first}" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="I${first}" sqref="I${first}"/></sheetView></sheetViews>` +
    '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac"/>' +
    `<cols>${WIDTHS.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${w + 0.7109375}" customWidth="1"/>`).join('')}</cols>` +
    `<sheetData>${rows.join('')}</sheetData>` +
    `<autoFilter ref="A${HEADER_ROW}:J${last}"/>` +
    `<dataValidations count="1"><dataValidation type="whole" allowBlank="1" showInputMessage="1" showErrorMessage="1" errorTitle="Количество" error="Целое число от 0 до 1000000" promptTitle="Количество" prompt="Сколько экземпляров заказать (целое число)" sqref="I${first}:I${last}"><formula1>0</formula1><formula2>1000000</formula2></dataValidation></dataValidations>` +
    '<pageMargins left="0.39370078740157483" right="0.39370078740157483" top="0.59055118110236227" bottom="0.59055118110236227" header="0.31496062992125984" footer="0.31496062992125984"/>' +
    '<pageSetup paperSize="9" fitToHeight="0" orientation="landscape"/>' +
    '<headerFooter><oddFooter>&amp;CСтраница &amp;P из &amp;N</oddFooter></headerFooter></worksheet>';

  const dataRows = [];
  let dr = 0;
  const dataRow = (values) => {
    dr++;
    const c = values.map((v, i) => {
      const ref = `${COLS[i]}${dr}`;
      if (v === '' || v === null || v === undefined) return '';
      return typeof v === 'number' ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="s"><v>${sst.ref(v)}</v></c>`;
    });
    dataRows.push(`<row r="${dr}">${c.join('')}</row>`);
  };
  for (const m of data.meta) dataRow(m);
  dataRow(data.columns);
  for (const row of data.rows) dataRow(row);
  const sheet2 = XML_HEAD + `<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><dimension ref="A1:F${dr}"/><sheetData>${dataRows.join('')}</sheetData></worksheet>`;

  const workbook =
    XML_HEAD +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}"><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27328"/><workbookPr defaultThemeVersion="166925"/>` +
    '<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews>' +
    `<sheets><sheet name="${SHEET}" sheetId="1" r:id="rId1"/><sheet name="_uchebnik" sheetId="2" state="veryHidden" r:id="rId2"/></sheets>` +
    `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">${SHEET}!$A$${HEADER_ROW}:$J$${last}</definedName><definedName name="_xlnm.Print_Titles" localSheetId="0">${SHEET}!$${HEADER_ROW}:$${HEADER_ROW}</definedName></definedNames>` +
    '<calcPr calcId="191029"/></workbook>';

  const buffer = zipBuffer(
    [
      zipEntry('[Content_Types].xml', CONTENT_TYPES),
      zipEntry('_rels/.rels', ROOT_RELS),
      zipEntry('xl/workbook.xml', workbook),
      zipEntry('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
      zipEntry('xl/worksheets/sheet1.xml', sheet1),
      zipEntry('xl/worksheets/sheet2.xml', sheet2),
      zipEntry('xl/styles.xml', STYLES),
      zipEntry('xl/sharedStrings.xml', sst.xml()),
      zipEntry('docProps/core.xml', CORE),
      zipEntry('docProps/app.xml', APP),
    ],
    WRITTEN,
  );
  return { buffer, cells };
}
