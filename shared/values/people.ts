/*
 * A list of people as one cell or one field: 张伟、李娜，王强;赵敏 or one a
 * line. 、 , ， ; ； / and line breaks always separate. A space separates only
 * between whole personal names (刘洋 陈静); it never splits one entry: 王  伟
 * (a two-character name padded to three) is 王伟, 欧阳 娜娜 is one name, and
 * 党委组织部 孙伟 is one reviewer (a unit and a name), never two.
 */

const SEPARATOR = /[、,，;；/／\\\n]/;
/** A token that is a person's whole name: 2–4 Chinese characters (or a name with ·), not a unit. */
const NAME = /^[\u3400-\u9fff\u{20000}-\u{3134f}][\u3400-\u9fff\u{20000}-\u{3134f}·]{1,5}$/u;
const UNIT_ENDING = /(部|处|科|室|局|委|办|中心|公司|支部|支局|分局|所|站|组|队|院|厅|行|网点|班|会|党委|总支)$/;
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '宇文', '司徒', '夏侯', '令狐', '端木', '独孤', '南宫', '西门', '万俟', '呼延', '申屠', '轩辕']);
const isHan = (t: string) => /^[\u3400-\u9fff]$/u.test(t);

/** Split at the top level only: 张三（组长、党员） is one entry. */
function topLevelParts(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of s) {
    if (ch === '(' || ch === '（') depth++;
    else if ((ch === ')' || ch === '）') && depth > 0) depth--;
    if (depth === 0 && SEPARATOR.test(ch)) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts;
}

/** One separated part, which may still hold several names divided by spaces. */
function namesInPart(part: string): string[] {
  const tokens = part.split(/\s+/).filter(Boolean);
  if (tokens.length <= 1) return tokens;
  // 王  伟: single characters padded apart are one name.
  if (tokens.every(isHan) && tokens.length <= 3) return [tokens.join('')];
  // 欧阳 娜娜: a compound surname written apart from the given name.
  if (tokens.length === 2 && COMPOUND_SURNAMES.has(tokens[0]!)) return [tokens.join('')];
  if (tokens.every((t) => NAME.test(t) && !UNIT_ENDING.test(t))) return tokens;
  return [tokens.join(' ')];
}

export interface PeopleOptions {
  /** Drop a note in brackets (张三（组长） → 张三), as the import does to match names; reviewers keep theirs. */
  dropNotes?: boolean;
}

/** A list of people to entries, in order, each once. Names are compared whole, so 方芳 never matches 方芳波. */
export function splitPeople(text: string | null | undefined, opts: PeopleOptions = {}): string[] {
  if (!text) return [];
  let plain = text.replace(/\r\n?/g, '\n');
  if (opts.dropNotes && /[(（]/.test(plain)) plain = plain.replace(/[(（][^)）]*[)）]/g, '');
  const names = topLevelParts(plain).flatMap((p) => namesInPart(p.trim()));
  return [...new Set(names)];
}
