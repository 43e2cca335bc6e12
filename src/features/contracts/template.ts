/**
 * A contract template: a .docx with `{placeholders}`, filled by docxtemplater over pizzip (a kept
 * template library rather than WordprocessingML edited by hand). Opening one checks everything a fill
 * could trip on, before any contract is written: that the file is a Word document, that its tags are
 * well formed, and that every placeholder is one uchebnik fills (contract.ts) — an unknown one is
 * refused with its name and the part of the document it is in.
 */
import Docxtemplater from 'docxtemplater';
import PizZip from 'pizzip';
import { InputError } from '../../core/errors.js';
import { unknownTags, type TemplateTag } from './contract.js';

export interface ContractTemplate {
  /** the file as the user named it, or «built-in» */
  file: string;
  data: Buffer;
  tags: TemplateTag[];
}

/** The parts of a compiled template, as docxtemplater gives them to a module (the fields used here). */
interface Part {
  type: string;
  value: string;
  module?: string;
  subparsed?: Part[];
}

function tagsOf(parts: readonly Part[], part: string, loop: string | undefined, out: TemplateTag[]): TemplateTag[] {
  for (const p of parts) {
    if (p.type !== 'placeholder') continue;
    out.push({ name: p.value, part, ...(loop !== undefined ? { loop } : {}) });
    if (p.subparsed) tagsOf(p.subparsed, part, p.value, out);
  }
  return out;
}

/** The error docxtemplater throws for a template it cannot compile: the first explanation it gives. */
function explanation(err: unknown): string | undefined {
  const props = (err as { properties?: { errors?: { properties?: { explanation?: string; file?: string } }[]; explanation?: string; id?: string } }).properties;
  const first = props?.errors?.[0]?.properties;
  if (first?.explanation) return `${first.explanation}${first.file ? ` (${first.file})` : ''}`;
  return props?.explanation;
}

function compile(data: Buffer, file: string, modules: object[] = []): Docxtemplater {
  let zip: PizZip;
  try {
    zip = new PizZip(data);
  } catch {
    throw new InputError('contracts.template-not-docx', { file });
  }
  // A Word document has its text in word/document.xml; a workbook or a presentation (which the
  // template engine also knows) does not.
  if (zip.file('word/document.xml') === null) throw new InputError('contracts.template-not-docx', { file });
  let doc: Docxtemplater;
  try {
    doc = new Docxtemplater(zip, { paragraphLoop: true, linebreaks: true, errorLogging: false, modules });
  } catch (err) {
    const detail = explanation(err);
    // A zip that is no Office document at all (docxtemplater cannot tell its type).
    if (detail === undefined || (err as { properties?: { id?: string } }).properties?.id === 'filetype_not_identified') throw new InputError('contracts.template-not-docx', { file });
    throw new InputError('contracts.template-broken', { file, detail });
  }
  const type = (doc as unknown as { fileType?: string }).fileType;
  if (type !== undefined && type !== 'docx') throw new InputError('contracts.template-not-docx', { file });
  return doc;
}

/**
 * The template in `data`, checked. Exit 3 (InputError) when it is not a .docx, its tags are broken, or
 * it uses a placeholder uchebnik does not fill — the names and where they are in the message.
 */
export function openTemplate(data: Buffer, file: string): ContractTemplate {
  const tags: TemplateTag[] = [];
  // docxtemplater hands each compiled part to its modules; this one only collects the tags.
  const collector = {
    name: 'UchebnikTagCollector',
    set(options: { inspect?: { filePath?: string; postparsed?: Part[] } }) {
      if (options.inspect?.postparsed && options.inspect.filePath) tagsOf(options.inspect.postparsed, options.inspect.filePath, undefined, tags);
    },
  };
  compile(data, file, [collector]);
  const unknown = unknownTags(tags);
  if (unknown.length) {
    const names = [...new Set(unknown.map((t) => `{${t.name}}`))].join(', ');
    const where = [...new Set(unknown.map((t) => `${t.part}${t.loop ? ` {#${t.loop}}` : ''}`))].join(', ');
    throw new InputError('contracts.template-unknown', { file, names, where });
  }
  return { file, data, tags };
}

/**
 * The template filled with one contract's values, as a .docx. Every entry of the zip is stamped `when`
 * (pizzip stamps the parts docxtemplater rewrote with the clock), so the same data and date give the
 * same bytes and the manifest's sha256 stays the same from one run to the next.
 */
export function fillContract(template: ContractTemplate, values: Record<string, unknown>, when: Date): Buffer {
  const doc = compile(template.data, template.file);
  doc.render(values);
  const zip = doc.getZip();
  for (const entry of Object.values(zip.files) as PizZip.ZipObject[]) entry.date = when;
  return zip.generate({ type: 'nodebuffer', compression: 'DEFLATE' });
}
