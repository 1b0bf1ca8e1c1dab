/** Full-width digits, letters and punctuation (typed with a Chinese IME) to ASCII; ideographic space to a space. */
export function halfWidth(s: string): string {
  if (!/[\uff01-\uff5e\u3000]/.test(s)) return s;
  return s.replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');
}

/** A number as the clerk reads it: thousands separated, no float noise (12,000; 1.2; 0.3). */
export function formatNumber(n: number): string {
  return Number(n.toPrecision(12)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/** A header cell as its words, for matching against the fields' synonyms: no spaces, no bracketed part, no * or colon, half-width, lower case. */
export function headerWords(text: string): string {
  return halfWidth(text)
    .replace(/[\s*＊:：]/g, '')
    .replace(/[(（][^)）]*[)）]/g, '')
    .toLowerCase();
}
