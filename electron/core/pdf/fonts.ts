import fs from 'node:fs';
import path from 'node:path';
import * as fontkit from 'fontkit';
import { FONT_FACES, type FontFace } from '../../../shared/contract/output';
import { isUndrawn } from './textRuns';

/*
 * Fonts for the PDF prints. On an office PC the Windows fonts 仿宋
 * (simfang.ttf), 黑体 (simhei.ttf) and 楷体 (simkai.ttf) are what official
 * documents use; where one is missing, or lacks a character of the report,
 * the bundled OFL font (Noto Sans SC, resources/fonts/) stands in. System
 * fonts of Linux (fonts-noto-cjk…) are never used: the result must not
 * depend on the build machine. pdfkit embeds only the glyphs used (subset).
 *
 * A character none of the faces has (a 生僻字 of the CJK extension planes,
 * an emoji) is drawn, glyph by glyph, in the first fallback font that has it:
 * Windows' SimSun-ExtB and SimSun-ExtG where present, else the bundled
 * 花園明朝B (HanaMinB: every ideograph of Extensions B to F, 60,317 of them,
 * OFL or the Hanazono licence) and Noto Emoji (monochrome, OFL). What none has
 * is reported, so the clerk is told which characters print as boxes.
 */

export const BUNDLED_REGULAR = 'NotoSansSC-Regular.ttf';
export const BUNDLED_BOLD = 'NotoSansSC-Bold.ttf';
export const BUNDLED_EXTENSIONS = 'HanaMinB.ttf';
export const BUNDLED_EMOJI = 'NotoEmoji-Regular.ttf';

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

/** The characters a text draws, each once (controls, spaces, joiners and variation selectors are not drawn). */
const drawnChars = (text: string) => [...new Set(text)].filter((ch) => !isUndrawn(ch.codePointAt(0)!));

const hasGlyph = (file: string, ch: string) => openFont(file).hasGlyphForCodePoint(ch.codePointAt(0)!);

/** The characters of `text` the font cannot draw (they would come out as boxes). */
export function missingGlyphs(file: string, text: string): string[] {
  return drawnChars(text).filter((ch) => !hasGlyph(file, ch));
}

/** A font that draws the characters the faces lack, under its own pdfmake family. */
export interface FallbackFont {
  family: string;
  file: string;
  source: 'windows' | 'bundled';
}

/** SimSun-ExtB (simsunb.ttf, every Windows since Vista) and SimSun-ExtG (the newer planes, recent Windows 11). */
const WINDOWS_EXTENSION_FONT = /^simsun(b|-?ext[a-z])\.ttf$/i;

/** The fallback fonts in the order they are tried: Windows' own first, then the bundled ones. */
export function resolveFallbacks(windowsDir: string | null = defaultWindowsFontsDir()): FallbackFont[] {
  const windows = windowsDir && fs.existsSync(windowsDir) ? fs.readdirSync(windowsDir).filter((n) => WINDOWS_EXTENSION_FONT.test(n)) : [];
  // simsunb.ttf before SimSun-ExtG: ExtB is the older, more complete one for Extension B.
  windows.sort((a, b) => Number(!/^simsunb\./i.test(a)) - Number(!/^simsunb\./i.test(b)) || a.localeCompare(b));
  const dir = bundledFontsDir();
  return [
    ...windows.map((name, i) => ({ family: `windows-ext-${i + 1}`, file: path.join(windowsDir!, name), source: 'windows' as const })),
    { family: 'bundled-ext', file: path.join(dir, BUNDLED_EXTENSIONS), source: 'bundled' },
    { family: 'bundled-emoji', file: path.join(dir, BUNDLED_EMOJI), source: 'bundled' },
  ];
}

export interface FontChoice {
  fonts: FontSet;
  /** Characters the faces lack, each with the fallback font that draws it. */
  fallback: Map<string, FallbackFont>;
  /** Characters no font can draw. */
  missing: string[];
}

/**
 * Make sure every character of the report can be drawn: a Windows face that
 * lacks one the bundled font has gives way to the bundled font; a character
 * the faces still lack goes to the first fallback font that has it; what even
 * those lack is reported (the caller passes it on, so the UI can say which
 * characters).
 */
export function fontsForText(fonts: FontSet, text: string, fallbacks: readonly FallbackFont[] = []): FontChoice {
  const chars = drawnChars(text);
  const lacks = (files: FaceFiles) => chars.filter((ch) => !hasGlyph(files.normal, ch) || !hasGlyph(files.bold, ch));
  const out = { ...fonts };
  const gaps = new Set<string>();
  for (const face of FONT_FACES) {
    let faceGaps = lacks(out[face]);
    if (faceGaps.length && out[face].source === 'windows') {
      // Only for a character the bundled font draws: a 生僻字 neither has goes to a fallback font either way.
      const bundled = bundledFace(face);
      const bundledGaps = lacks(bundled);
      if (faceGaps.some((ch) => !bundledGaps.includes(ch))) {
        out[face] = bundled;
        faceGaps = bundledGaps;
      }
    }
    for (const ch of faceGaps) gaps.add(ch);
  }
  const fallback = new Map<string, FallbackFont>();
  const missing: string[] = [];
  for (const ch of gaps) {
    const font = fallbacks.find((f) => hasGlyph(f.file, ch));
    if (font) fallback.set(ch, font);
    else missing.push(ch);
  }
  return { fonts: out, fallback, missing };
}
