import { halfWidth } from './values';

/*
 * A sub-topic title that carries its source ledger's number ("3.1 成立惠农
 * 专班服务团队", "2、开展防诈宣传"): the number belongs in the 编号 field,
 * so that reports show it once, in the 序号 column, and not again inside
 * the title.
 */

/** Units that follow a figure at the start of a title that is not a number ("3.5万件快递进村", "5G网络覆盖"). */
const UNIT_AFTER = /^[万亿千百十个件户人元次项家台倍天年月日周号期%％a-z]/iu;

/**
 * The leading number and the title without it, or null when the title does
 * not start with one. A number of several levels (3.1, 3-1, 3.1.2) may be
 * followed directly by the text; a single number only by 、 . ． ) or a space,
 * so "2024年…" and "100户…" stay whole.
 */
export function splitLeadingNumber(title: string): { code: string; title: string } | null {
  const t = halfWidth(title);
  const m = /^\s*(\d{1,3}(?:[.\-－]\d{1,3}){1,3})(?![\d.])\s*[、.．)）]?\s*/u.exec(t) ?? /^\s*[(（]?(\d{1,3})(?:\s*[、.．)）]\s*|\s+)/u.exec(t);
  if (!m) return null;
  const rest = title.slice(m[0].length).trim();
  if (!rest || UNIT_AFTER.test(rest)) return null;
  return { code: m[1]!.replace(/－/g, '-'), title: rest };
}
