/**
 * The built-in contract template (issue 17), for a region that has none of its own: a supply contract
 * on A4 portrait with both parties' requisites and signatures and the specification as its annex (a
 * table whose header repeats on every page). Built here as a .docx with pizzip from a few paragraphs
 * and tables of WordprocessingML — plain text with `{placeholders}` (contract.ts), which docxtemplater
 * then fills exactly as it fills a user's template. `uchebnik export contracts --print-template FILE`
 * writes it out as the starting point for a region's own.
 */
import PizZip from 'pizzip';

const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
/** A4 in twentieths of a point, and the text width between the margins. */
const PAGE = { width: 11906, height: 16838, top: 1134, bottom: 1134, left: 1418, right: 850 };
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

const esc = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;');

interface RunStyle {
  bold?: boolean;
  /** half-points */
  size?: number;
}
interface ParaStyle extends RunStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  after?: number;
  keepNext?: boolean;
}

function run(text: string, s: RunStyle = {}): string {
  const props = `${s.bold ? '<w:b/>' : ''}${s.size ? `<w:sz w:val="${s.size}"/><w:szCs w:val="${s.size}"/>` : ''}`;
  return `<w:r>${props ? `<w:rPr>${props}</w:rPr>` : ''}<w:t xml:space="preserve">${esc(text)}</w:t></w:r>`;
}

function para(text: string, s: ParaStyle = {}): string {
  const props = `${s.keepNext ? '<w:keepNext/>' : ''}<w:spacing w:after="${s.after ?? 60}"/>${s.align ? `<w:jc w:val="${s.align}"/>` : ''}`;
  return `<w:p><w:pPr>${props}</w:pPr>${text ? run(text, s) : ''}</w:p>`;
}

const heading = (text: string) => para(text, { bold: true, align: 'center', after: 80, keepNext: true });
const clause = (text: string) => para(text, { align: 'both' });
const pageBreak = '<w:p><w:r><w:br w:type="page"/></w:r></w:p>';

interface Cell {
  paras: string[];
}
const cell = (text: string, s: ParaStyle = {}): Cell => ({ paras: text.split('\n').map((line) => para(line, { after: 0, size: 18, ...s })) });

function table(widths: number[], rows: { cells: Cell[]; header?: boolean; cantSplit?: boolean }[], borders = true): string {
  const line = (side: string) => `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const tblBorders = borders ? `<w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(line).join('')}</w:tblBorders>` : '';
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  const body = rows
    .map((r) => {
      const trPr = `${r.header ? '<w:tblHeader/>' : ''}${r.cantSplit !== false ? '<w:cantSplit/>' : ''}`;
      const cells = r.cells.map((c, i) => `<w:tc><w:tcPr><w:tcW w:w="${widths[i]}" w:type="dxa"/></w:tcPr>${c.paras.join('')}</w:tc>`).join('');
      return `<w:tr>${trPr ? `<w:trPr>${trPr}</w:trPr>` : ''}${cells}</w:tr>`;
    })
    .join('');
  const tblPr = `<w:tblPr><w:tblW w:w="${widths.reduce((a, b) => a + b, 0)}" w:type="dxa"/><w:tblLayout w:type="fixed"/>${tblBorders}<w:tblCellMar><w:left w:w="57" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar></w:tblPr>`;
  return `<w:tbl>${tblPr}${grid}${body}</w:tbl>`;
}

/** The specification's columns: widths add up to the text width. */
const LINE_WIDTHS = [454, 1250, 3400, 454, 800, 1100, 600, TEXT_WIDTH - (454 + 1250 + 3400 + 454 + 800 + 1100 + 600)];

function specificationTable(): string {
  const head = ['№', 'Код по ФП', 'Авторы, наименование', 'Кл.', 'Кол-во, экз.', 'Цена с НДС, руб.', 'НДС, %', 'Сумма с НДС, руб.'].map((h) => cell(h, { bold: true, align: 'center' }));
  const line = [
    cell('{#lines}{n}', { align: 'center' }),
    cell('{fpu_code}'),
    cell('{authors} {title}'),
    cell('{grade}', { align: 'center' }),
    cell('{quantity}', { align: 'right' }),
    cell('{price}', { align: 'right' }),
    cell('{vat_rate}', { align: 'center' }),
    cell('{sum}{/lines}', { align: 'right' }),
  ];
  const total = [cell(''), cell(''), cell('Итого', { bold: true }), cell(''), cell('{copies}', { bold: true, align: 'right' }), cell(''), cell(''), cell('{total}', { bold: true, align: 'right' })];
  const vat = [cell('{#vat_rates}'), cell(''), cell('{label}'), cell(''), cell(''), cell(''), cell(''), cell('{vat}{/vat_rates}', { align: 'right' })];
  return table(LINE_WIDTHS, [{ cells: head, header: true }, { cells: line }, { cells: total }, { cells: vat }]);
}

/** A party's requisites and signature; a personal account (л/с) only for the school, a budget institution's. */
function partyColumn(prefix: 'supplier' | 'customer', title: string): Cell {
  const p = (f: string) => `{${prefix}_${f}}`;
  const lines = [
    title,
    p('name'),
    `ИНН ${p('inn')}, КПП ${p('kpp')}`,
    `Адрес: ${p('address')}`,
    `Банк: ${p('bank')}`,
    `БИК ${p('bik')}`,
    `Р/с ${p('account')}`,
    `К/с ${p('corr_account')}`,
    ...(prefix === 'customer' ? [`Л/с ${p('personal_account')}`] : []),
    `E-mail: ${p('email')}, тел. ${p('phone')}`,
    '',
    p('head_position'),
    '',
    `_______________ / ${p('head_signature')}`,
    'М.П.',
  ];
  return { paras: lines.map((l, i) => para(l, { after: 0, size: 20, bold: i === 0 })) };
}

function documentXml(): string {
  const half = Math.floor(TEXT_WIDTH / 2);
  const body = [
    heading('ДОГОВОР ПОСТАВКИ № {contract_number}'),
    para('учебников для {customer_short_name}', { align: 'center', after: 120 }),
    table([half, TEXT_WIDTH - half], [{ cells: [cell('{municipality}', { size: 22 }), cell('{contract_date}', { size: 22, align: 'right' })] }], false),
    para('', { after: 120 }),
    clause(
      // Worded so that the head's position and name read right as stored, in the nominative: «в лице»
      // would need them declined («Директора Зайцева Николая Ильича»).
      '{supplier_name}, именуемое в дальнейшем «Поставщик», от имени которого действует {supplier_head_position} {supplier_head_name} на основании {supplier_head_basis}, с одной стороны, и {customer_name}, именуемое в дальнейшем «Заказчик», от имени которого действует {customer_head_position} {customer_head_name} на основании {customer_head_basis}, с другой стороны, заключили настоящий Договор о нижеследующем.',
    ),
    heading('1. Предмет договора'),
    clause('1.1. Поставщик обязуется передать в собственность Заказчика учебники (далее — Товар) по {lines_count} наименованиям в количестве {copies} экз. согласно Спецификации (Приложение № 1), являющейся неотъемлемой частью Договора, а Заказчик — принять и оплатить Товар.'),
    heading('2. Цена договора и порядок расчётов'),
    clause('2.1. Цена Договора составляет {total} руб. ({total_words}). {vat_sentence}'),
    clause('2.2. Цена Договора включает стоимость Товара, упаковки, доставки до Заказчика и все налоги и сборы и не изменяется в ходе его исполнения.'),
    clause('2.3. Оплата производится безналичным перечислением на расчётный счёт Поставщика в течение 30 дней со дня подписания Заказчиком товарной накладной.'),
    heading('3. Поставка'),
    clause('3.1. Поставщик доставляет Товар по адресу Заказчика: {customer_address} — в срок до 1 августа {year} г. Приёмка по количеству и качеству — при получении, по товарной накладной.'),
    heading('4. Прочие условия'),
    clause('4.1. Договор вступает в силу со дня подписания и действует до полного исполнения Сторонами обязательств.'),
    clause('4.2. Споры Стороны решают переговорами, а при недостижении согласия — в арбитражном суде по месту нахождения Заказчика.'),
    clause('4.3. Договор составлен в двух экземплярах, имеющих равную силу, по одному для каждой Стороны.'),
    heading('5. Реквизиты и подписи сторон'),
    table([half, TEXT_WIDTH - half], [{ cells: [partyColumn('supplier', 'Поставщик'), partyColumn('customer', 'Заказчик')] }]),
    pageBreak,
    para('Приложение № 1 к Договору № {contract_number} от {contract_date}', { align: 'right', size: 20 }),
    heading('СПЕЦИФИКАЦИЯ'),
    para('Поставщик: {supplier_name}. Заказчик: {customer_name}.', { align: 'both', size: 20, after: 120 }),
    specificationTable(),
    para('', { after: 60 }),
    clause('Всего наименований {lines_count}, экземпляров {copies}, на сумму {total} руб. ({total_words}). {vat_sentence}'),
    para('', { after: 120 }),
    table(
      [half, TEXT_WIDTH - half],
      [
        {
          cells: [
            { paras: ['Поставщик', '{supplier_head_position}', '', '_______________ / {supplier_head_signature}', 'М.П.'].map((l, i) => para(l, { after: 0, size: 20, bold: i === 0 })) },
            { paras: ['Заказчик', '{customer_head_position}', '', '_______________ / {customer_head_signature}', 'М.П.'].map((l, i) => para(l, { after: 0, size: 20, bold: i === 0 })) },
          ],
        },
      ],
      false,
    ),
  ].join('');
  const sect = `<w:sectPr><w:pgSz w:w="${PAGE.width}" w:h="${PAGE.height}"/><w:pgMar w:top="${PAGE.top}" w:right="${PAGE.right}" w:bottom="${PAGE.bottom}" w:left="${PAGE.left}" w:header="567" w:footer="567" w:gutter="0"/></w:sectPr>`;
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>${body}${sect}</w:body></w:document>`;
}

const STYLES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="${W}"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman" w:cs="Times New Roman" w:eastAsia="Times New Roman"/><w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="ru-RU"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="60" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>`;

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`;

const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;

const DOCUMENT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`;

/** The built-in template as a .docx. */
export function defaultTemplate(): Buffer {
  const zip = new PizZip();
  zip.file('[Content_Types].xml', CONTENT_TYPES);
  zip.file('_rels/.rels', ROOT_RELS);
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS);
  zip.file('word/styles.xml', STYLES);
  zip.file('word/document.xml', documentXml());
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
