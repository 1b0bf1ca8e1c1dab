import { z } from 'zod';
import { Id } from '../domain/primitives';
import type { ContractGroup } from './types';

/*
 * Output: the Excel ledger (and its blank template) and the PDF prints. Every
 * method writes one file at the path the caller chose (the shell passes the
 * user's pick from a save dialog), atomically, and reads the ledger only.
 */

const filePath = (...exts: string[]) =>
  z
    .string({ message: '请选择保存位置' })
    .trim()
    .min(1, { message: '请选择保存位置' })
    .max(1000, { message: '保存路径太长' })
    .refine((p) => exts.some((ext) => p.toLowerCase().endsWith(ext)), { message: `文件名应以 ${exts.join(' 或 ')} 结尾` })
    .describe('保存位置');

/** The formats a report can be written in; the file name's extension picks one. */
export const REPORT_FORMATS = ['pdf', 'docx'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export const reportFormat = (file: string): ReportFormat => (file.toLowerCase().endsWith('.docx') ? 'docx' : 'pdf');

/** Typefaces a report may ask for; the core maps them to Windows fonts or to the bundled OFL font. */
export const FONT_FACES = ['黑体', '仿宋', '楷体'] as const;
export type FontFace = (typeof FONT_FACES)[number];

const mm = (label: string) => z.number({ message: `${label}应为数字` }).min(5, { message: `${label}不能小于 5 毫米` }).max(60, { message: `${label}不能大于 60 毫米` }).describe(label);
const pt = (label: string, min = 6, max = 48) =>
  z.number({ message: `${label}应为数字` }).min(min, { message: `${label}不能小于 ${min} 磅` }).max(max, { message: `${label}不能大于 ${max} 磅` }).describe(label);
const face = (label: string) => z.enum(FONT_FACES, { message: `${label}应为：${FONT_FACES.join('、')}` }).describe(label);

/**
 * The page layout of the PDF prints. Defaults follow GB/T 9704-2012 (A4; top
 * margin 37 mm, binding margin 28 mm, text block 156 × 225 mm; title 二号,
 * body 三号 仿宋); offices change it to their own habits. Stored in the ledger.
 */
export const PdfProfile = z.object({
  marginTopMm: mm('上边距'),
  marginBottomMm: mm('下边距'),
  marginLeftMm: mm('订口（左）边距'),
  marginRightMm: mm('右边距'),
  titleSize: pt('标题字号'),
  headingSize: pt('小标题字号'),
  bodySize: pt('正文字号'),
  tableSize: pt('表格字号'),
  pageNumberSize: pt('页码字号'),
  lineHeight: z.number({ message: '行距应为数字' }).min(0.8).max(3).describe('行距倍数'),
  titleFont: face('标题字体'),
  heading1Font: face('一级标题字体'),
  heading2Font: face('二级标题字体'),
  bodyFont: face('正文字体'),
  tableFont: face('表格字体'),
});
export type PdfProfile = z.infer<typeof PdfProfile>;

export const PDF_PROFILE_DEFAULTS: PdfProfile = {
  marginTopMm: 37,
  marginBottomMm: 35,
  marginLeftMm: 28,
  marginRightMm: 26,
  titleSize: 22, // 二号
  headingSize: 16, // 三号
  bodySize: 16, // 三号
  tableSize: 10.5, // 五号
  pageNumberSize: 14, // 四号
  lineHeight: 1.25,
  titleFont: '黑体',
  heading1Font: '黑体',
  heading2Font: '楷体',
  bodyFont: '仿宋',
  tableFont: '仿宋',
};

export const ExportCounts = z.object({
  topics: z.number().int(),
  subtopics: z.number().int(),
  people: z.number().int(),
  indicators: z.number().int(),
  checklist: z.number().int(),
});

export const FileResult = z.object({ path: z.string(), bytes: z.number().int() });
export const ReportResult = FileResult.extend({
  /** Pages of a PDF; absent for a Word file, whose pages Word lays out on the reader's machine. */
  pages: z.number().int().optional(),
  /** Characters no available font could draw (empty when every glyph is covered). */
  missingGlyphs: z.array(z.string()),
  /** The font files used, by face, for the record. */
  fonts: z.record(z.string(), z.string()),
});
export type ReportResult = z.infer<typeof ReportResult>;

export const outputContract = {
  /** The standard ledger workbook: 课题台账, 责任人名册, 成效指标, 销号清单. Without a campaign, the latest one. */
  'export.ledger': {
    input: z.object({ out: filePath('.xlsx'), campaignId: Id.optional() }),
    output: FileResult.extend({ campaignId: Id.nullable(), rows: ExportCounts }),
  },
  /** The same workbook without data: the blank template for offices that still fill sheets by hand. */
  'export.template': { input: z.object({ out: filePath('.xlsx') }), output: FileResult },
  /** 结题报告 of one topic, as a PDF or (.docx) a Word file to edit. */
  'report.closure': { input: z.object({ topicId: Id, out: filePath('.pdf', '.docx') }), output: ReportResult },
  /** The 台账 as an A4 landscape table; optionally one branch or only topics with overdue sub-topics. */
  'report.ledger': {
    input: z.object({ out: filePath('.pdf'), campaignId: Id.optional(), branchId: Id.optional(), overdue: z.boolean().optional() }),
    output: ReportResult,
  },
  /** The campaign summary: statistics, the quoted sentence, per branch and per lead department, overdue items; PDF or Word. */
  'report.summary': { input: z.object({ out: filePath('.pdf', '.docx'), campaignId: Id.optional(), sourceUnitId: Id.optional().describe('来源单位') }), output: ReportResult },
  'pdfProfile.get': { input: z.object({}).default({}), output: PdfProfile },
  'pdfProfile.set': { input: PdfProfile.partial(), output: PdfProfile },
} satisfies ContractGroup;
