import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { FONT_FACES, type FontFace } from '../../../shared/contract/output';

/*
 * Fonts for the PDF prints. On an office PC the Windows fonts 仿宋
 * (simfang.ttf), 黑体 (simhei.ttf) and 楷体 (simkai.ttf) are what official
 * documents use; where one is missing, or lacks a character of the report,
 * the bundled OFL font (Noto Sans SC, resources/fonts/) stands in. System
 * fonts of Linux (fonts-noto-cjk…) are never used: the result must not
 * depend on the build machine. pdfkit embeds only the glyphs used (subset).
 */

export const BUNDLED_REGULAR = 'NotoSansSC-Regular.ttf';
export const BUNDLED_BOLD = 'NotoSansSC-Bold.ttf';

const WINDOWS_FILES: Record<FontFace, string> = { 黑体: 'simhei.ttf', 仿宋: 'simfang.ttf', 楷体: 'simkai.ttf' };

/** The pdfmake family name of each face (ASCII, to keep pdfmake's lookups simple). */
export const FAMILY: Record<FontFace, string> = { 黑体: 'heiti', 仿宋: 'fangsong', 楷体: 'kaiti' };

export interface FaceFiles {
  normal: string;
  bold: string;
  source: 'windows' | 'bundled';
}
export type FontSet = Record<FontFace, FaceFiles>;

/** resources/fonts: beside the app in a packaged build, or found upwards from this module in development and tests. */
export function bundledFontsDir(): string {
  const candidates: string[] = [];
  if (process.env.LEDGER_FONTS_DIR) candidates.push(process.env.LEDGER_FONTS_DIR);
  const resourcesPath = (process as { resourcesPath?: string }).resourcesPath;
  if (resourcesPath) candidates.push(path.join(resourcesPath, 'fonts'), path.join(resourcesPath, 'resources', 'fonts'));
  for (let dir = __dirname, i = 0; i < 6; i++, dir = path.dirname(dir)) candidates.push(path.join(dir, 'resources', 'fonts'));
  const hit = candidates.find((d) => fs.existsSync(path.join(d, BUNDLED_REGULAR)));
  if (!hit) throw new Error(`找不到内置字体 ${BUNDLED_REGULAR}（查找了：${candidates.join('；')}）`);
  return hit;
}

/** C:\Windows\Fonts on Windows, nothing elsewhere. */
export function defaultWindowsFontsDir(): string | null {
  if (process.platform !== 'win32') return null;
  return path.join(process.env.WINDIR ?? process.env.SystemRoot ?? 'C:\\Windows', 'Fonts');
}

export function bundledFace(face: FontFace, dir = bundledFontsDir()): FaceFiles {
  const regular = path.join(dir, BUNDLED_REGULAR);
  const bold = path.join(dir, BUNDLED_BOLD);
  // 黑体 is a heavy sans face: its stand-in is the bold weight.
  return { normal: face === '黑体' ? bold : regular, bold, source: 'bundled' };
}

/** Each face from the Windows fonts folder when its file is there, else the bundled font. */
export function resolveFonts(windowsDir: string | null = defaultWindowsFontsDir()): FontSet {
  const dir = bundledFontsDir();
  const win = (face: FontFace) => (windowsDir ? path.join(windowsDir, WINDOWS_FILES[face]) : null);
  const heiti = win('黑体');
  const out = {} as FontSet;
  for (const face of FONT_FACES) {
    const file = win(face);
    if (file && fs.existsSync(file)) {
      // The Windows CJK faces have no bold weight: bold text is set in 黑体 (as official documents do).
      out[face] = { normal: file, bold: heiti && fs.existsSync(heiti) ? heiti : file, source: 'windows' };
    } else out[face] = bundledFace(face, dir);
  }
  return out;
}

const opened = new Map<string, fontkit.Font>();

/** A parsed font, kept for the life of the process (the bundled file is 10 MB; parsing it is the cold start). */
export function openFont(file: string): fontkit.Font {
  let font = opened.get(file);
  if (!font) {
    const f = fontkit.openSync(file);
    font = ('fonts' in f ? f.fonts[0] : f) as fontkit.Font;
    opened.set(file, font);
  }
  return font;
}

/** The characters of `text` the font cannot draw (they would come out as boxes). Controls and spaces are not drawn. */
export function missingGlyphs(file: string, text: string): string[] {
  const font = openFont(file);
  const missing = new Set<string>();
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x21 || (cp >= 0x7f && cp <= 0xa0) || cp === 0x3000) continue;
    if (!font.hasGlyphForCodePoint(cp)) missing.add(ch);
  }
  return [...missing];
}

/**
 * Make sure every character of the report can be drawn: a Windows face that
 * lacks one falls back to the bundled font; what even that lacks is
 * reported (the caller passes it on, so the UI can say which characters).
 */
export function fontsForText(fonts: FontSet, text: string): { fonts: FontSet; missing: string[] } {
  const out = { ...fonts };
  const missing = new Set<string>();
  for (const face of FONT_FACES) {
    let files = out[face];
    const lacks = () => [...missingGlyphs(files.normal, text), ...missingGlyphs(files.bold, text)];
    let gaps = lacks();
    if (gaps.length && files.source === 'windows') {
      files = out[face] = bundledFace(face);
      gaps = lacks();
    }
    for (const ch of gaps) missing.add(ch);
  }
  return { fonts: out, missing: [...missing] };
}
