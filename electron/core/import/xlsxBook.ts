import path from 'node:path';
import { MAX_SMALL_PART_BYTES, type ReadBudget } from './limits';
import { NeedsFallback } from './fallback';
import { badFile } from './sniff';
import { firstTag, partText, prefixedAttr, startTags } from './xml';
import type { ZipArchive, ZipEntry } from './zip';

/*
 * Where a workbook's parts are, found the way Excel finds them (Open
 * Packaging Conventions): the package's `_rels/.rels` names the workbook part
 * (not always xl/workbook.xml), the workbook's relationships name its sheets,
 * shared strings and styles, targets are resolved against the part that
 * names them, and names match case-insensitively with '\' as '/'. A sheet or
 * part that is named but missing is an error naming it: read without it,
 * every text cell (or every topic) would silently be blank.
 */

export interface SheetPart {
  name: string;
  /** A worksheet's part; null for chart and dialog sheets, which hold no cells. */
  entry: ZipEntry | null;
}

export interface BookParts {
  sheets: SheetPart[];
  sharedStrings: ZipEntry | undefined;
  styles: ZipEntry | undefined;
  date1904: boolean;
}

interface Relationship {
  type: string;
  target: string;
}

/** The relationships of a part ('' for the package), by id, targets resolved to part names. */
function relationships(zip: ZipArchive, partName: string, budget: ReadBudget): Map<string, Relationship> {
  const dir = path.posix.dirname(partName);
  const relsName = partName ? path.posix.join(dir, '_rels', `${path.posix.basename(partName)}.rels`) : '_rels/.rels';
  const entry = zip.find(relsName);
  const out = new Map<string, Relationship>();
  if (!entry) return out;
  const xml = partText(zip.read(entry, MAX_SMALL_PART_BYTES, budget));
  for (const tag of startTags(xml, 'Relationship')) {
    const id = tag.attrs.get('Id');
    const target = tag.attrs.get('Target');
    if (!id || target === undefined || tag.attrs.get('TargetMode') === 'External') continue;
    out.set(id, { type: tag.attrs.get('Type') ?? '', target: resolveTarget(dir, target) });
  }
  return out;
}

/** A relationship target (a URI relative to its source part's folder, or absolute from the package root) → a part name. */
export function resolveTarget(sourceDir: string, target: string): string {
  let t = target.replace(/\\/g, '/');
  try {
    t = decodeURIComponent(t);
  } catch {
    // Not percent-encoded after all: use as written.
  }
  const joined = t.startsWith('/') ? t : path.posix.join(sourceDir === '.' ? '' : sourceDir, t);
  return path.posix.normalize(joined).replace(/^(\.\.\/|\/)+/, '');
}

const ofType = (rel: Relationship, type: string) => rel.type.endsWith(`/${type}`);

/** What a zip that is not a workbook is, for the clerk's sentence. */
function notAWorkbook(zip: ZipArchive, fileName: string): Error {
  if (zip.find('word/document.xml')) return badFile(`文件「${fileName}」是 Word 文档，不是 Excel 工作簿；请打开台账所在的 Excel 文件再导入。`);
  if (zip.find('ppt/presentation.xml')) return badFile(`文件「${fileName}」是 PowerPoint 演示文稿，不是 Excel 工作簿。`);
  return badFile(`文件「${fileName}」不是 Excel 工作簿（压缩包中没有工作簿内容，可能是其他压缩文件）。`);
}

/** The workbook part: named by the package relationships, else by the content types, else where Excel puts it. */
function workbookPart(zip: ZipArchive, fileName: string, budget: ReadBudget): ZipEntry {
  for (const rel of relationships(zip, '', budget).values()) {
    if (!ofType(rel, 'officeDocument')) continue;
    const entry = zip.find(rel.target);
    if (entry) return entry;
  }
  const types = zip.find('[Content_Types].xml');
  if (types) {
    const xml = partText(zip.read(types, MAX_SMALL_PART_BYTES, budget));
    for (const tag of startTags(xml, 'Override')) {
      if (!/spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.(sheet|template)\.macroEnabled\.main\+xml|ms-excel\.sheet\.binary/i.test(tag.attrs.get('ContentType') ?? '')) continue;
      const entry = zip.find(tag.attrs.get('PartName') ?? '');
      if (entry) return entry;
    }
  }
  const entry = zip.find('xl/workbook.xml') ?? zip.find('xl/workbook.bin');
  if (entry) return entry;
  // OpenDocument spreadsheets (.ods saved with the wrong name): SheetJS reads those.
  if (zip.find('content.xml') && zip.find('mimetype')) throw new NeedsFallback('这是 OpenDocument 表格');
  throw notAWorkbook(zip, fileName);
}

export function bookParts(zip: ZipArchive, fileName: string, budget: ReadBudget): BookParts {
  const wbEntry = workbookPart(zip, fileName, budget);
  // A binary workbook (.xlsb): SheetJS reads those.
  if (/\.bin$/i.test(wbEntry.name)) throw new NeedsFallback('这是二进制工作簿（.xlsb）');
  const wbName = wbEntry.name.replace(/\\/g, '/').replace(/^\/+/, '');
  const workbook = partText(zip.read(wbEntry, MAX_SMALL_PART_BYTES, budget));
  const rels = relationships(zip, wbName, budget);
  const missing = (what: string, part: string) =>
    badFile(`文件「${fileName}」不完整：${what}的内容「${part}」不在文件中。请在 Excel 中打开并另存为 .xlsx 后再导入。`);

  const partOfType = (type: string, conventional: string): ZipEntry | undefined => {
    const rel = [...rels.values()].find((r) => ofType(r, type));
    if (!rel) return zip.find(conventional);
    const entry = zip.find(rel.target);
    if (!entry) throw missing(type === 'sharedStrings' ? '共享文本' : '样式', rel.target);
    return entry;
  };

  const sheets: SheetPart[] = [];
  for (const tag of startTags(workbook, 'sheet')) {
    const name = tag.attrs.get('name') ?? '';
    const rId = prefixedAttr(tag, 'id') ?? '';
    // POI writes r:id="" for an Excel 5 module (macro) sheet: it names no part, so there are no cells to read.
    if (rId === '') {
      sheets.push({ name, entry: null });
      continue;
    }
    const rel = rels.get(rId);
    if (!rel) throw badFile(`文件「${fileName}」不完整：工作表「${name}」找不到对应的内容（关系「${rId}」不存在）。请在 Excel 中打开并另存为 .xlsx 后再导入。`);
    if (!ofType(rel, 'worksheet')) {
      sheets.push({ name, entry: null });
      continue;
    }
    const entry = zip.find(rel.target);
    if (!entry) throw missing(`工作表「${name}」`, rel.target);
    sheets.push({ name, entry });
  }
  const pr = firstTag(workbook, 'workbookPr');
  const date1904 = /^(1|true)$/i.test(pr?.attrs.get('date1904')?.trim() ?? '');
  return { sheets, sharedStrings: partOfType('sharedStrings', 'xl/sharedStrings.xml'), styles: partOfType('styles', 'xl/styles.xml'), date1904 };
}
