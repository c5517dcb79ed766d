/** `q=` followed by a qvalue as RFC 9110 §12.4.2 spells it: 0 to 1 with at most three decimals. */
const weightParameter = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i;

/** A language range (RFC 4647 §2.1): subtags of letters and digits, or `*`. */
const languageRange = /^(?:[a-z]{1,8}(?:-[a-z\d]{1,8})*|\*)$/i;

/**
 * The language ranges an `Accept-Language` value names (RFC 9110 §12.5.4), most wanted first: by weight, and in the
 * header's order at equal weights. Ranges refused with `q=0`, and elements that are malformed, are left out.
 */
export function acceptedLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranges: { range: string; weight: number }[] = [];
  for (const element of header.split(',')) {
    const [name = '', ...parameters] = element.split(';');
    const range = name.trim();
    if (!languageRange.test(range)) continue;
    let weight = 1;
    for (const parameter of parameters) {
      if (!/^\s*q\s*=/i.test(parameter)) continue;
      const match = weightParameter.exec(parameter);
      weight = match ? Number(match[1]) : Number.NaN;
    }
    if (weight > 0) ranges.push({ range, weight });
  }
  // Array sort is stable: ranges of equal weight keep the header's order.
  return ranges.sort((a, b) => b.weight - a.weight).map(({ range }) => range);
}
