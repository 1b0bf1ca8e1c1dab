import type * as ExcelJSModule from 'exceljs';
import type * as EchartsModule from 'echarts';
import type * as PdfmakeModule from 'pdfmake';
import type * as SheetJSModule from '@e965/xlsx';
import type * as DocxChartsModule from 'docx/charts';

/*
 * The heavy libraries — exceljs, pdfmake, echarts, SheetJS and docx, about 120 MB
 * of memory between them — are loaded the first time an export, a print or
 * an .xls import needs one, not when the core starts: the app opens faster,
 * and an .xlsx or CSV import (our own reader) never loads them.
 */

/** A CommonJS module imported dynamically arrives as `default` (Node's ESM loader) or as itself (bundled). */
const unwrap = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T;

function once<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | null = null;
  return () => (loading ??= load().catch((err: unknown) => {
    loading = null;
    throw err;
  }));
}

export const loadExcelJS = once(async () => unwrap<typeof ExcelJSModule>(await import('exceljs')));
export const loadEcharts = once(async () => unwrap<typeof EchartsModule>(await import('echarts')));
export const loadSheetJS = once(async () => unwrap<typeof SheetJSModule>(await import('@e965/xlsx')));
/** pdfmake 0.3 on the server is one shared instance (CommonJS `module.exports = new pdfmake()`). */
export const loadPdfmake = once(async () => unwrap<typeof PdfmakeModule>(await import('pdfmake')));
/** docx writes the Word reports; its charts are a module of their own. */
export const loadDocx = once(async () => await import('docx'));
export const loadDocxCharts = once(async () => unwrap<typeof DocxChartsModule>(await import('docx/charts')));
