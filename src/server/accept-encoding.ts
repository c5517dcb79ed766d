/** The content codings natter sends, in its order of preference when a client accepts several equally. */
export const contentCodings = ['br', 'gzip'] as const;

/** A content coding natter can send (RFC 9110 §8.4.1): brotli or gzip; `identity` is no coding at all. */
export type ContentCoding = (typeof contentCodings)[number];

/**
 * The weight an `identity` that the header neither names nor covers with `*` gets: acceptable by default (RFC 9110
 * §12.5.3), yet below any weight a client can give (the least is 0.001), so that a coding the client asked for wins.
 */
const unnamedIdentityWeight = 0.0001;

/** `q=` followed by a qvalue as RFC 9110 §12.4.2 spells it: 0 to 1 with at most three decimals. */
const weightParameter = /^\s*q\s*=\s*(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)\s*$/i;

/**
 * The weight of each coding an `Accept-Encoding` value names (lower case; `x-gzip` read as `gzip`, as RFC 9110
 * §8.4.1.3 asks). A name given twice keeps its first weight; an element with a malformed weight is ignored.
 */
function weightsOf(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const element of header.split(',')) {
    const [name = '', ...parameters] = element.split(';');
    const coding = name.trim().toLowerCase();
    if (coding === '') continue;
    let weight = 1;
    for (const parameter of parameters) {
      if (!/^\s*q\s*=/i.test(parameter)) continue;
      const match = weightParameter.exec(parameter);
      weight = match ? Number(match[1]) : Number.NaN;
    }
    const key = coding === 'x-gzip' ? 'gzip' : coding;
    if (!Number.isNaN(weight) && !weights.has(key)) weights.set(key, weight);
  }
  return weights;
}

/**
 * The coding to answer a request in, among those `available` holds, as RFC 9110 §12.5.3 has the client's
 * `Accept-Encoding` say: the highest weight wins (a coding the header does not name is acceptable only through `*`;
 * `q=0` refuses), ties go to brotli, then gzip, then identity. No header, an empty one, or nothing acceptable is
 * identity: even when the client refuses identity too (`identity;q=0`), the server then disregards the header, as
 * §12.5.3 lets it, rather than answer 406 to a script tag.
 */
export function chooseCoding(
  header: string | null | undefined,
  available: Readonly<Partial<Record<ContentCoding, unknown>>>,
): ContentCoding | 'identity' {
  if (!header) return 'identity';
  let chosen: ContentCoding | 'identity' = 'identity';
  let weights: Map<string, number> | undefined;
  let bestWeight = 0;
  for (const coding of contentCodings) {
    if (available[coding] === undefined) continue;
    if (!weights) {
      weights = weightsOf(header);
      bestWeight = weights.get('identity') ?? weights.get('*') ?? unnamedIdentityWeight;
    }
    const weight = weights.get(coding) ?? weights.get('*') ?? 0;
    // In order of preference: a coding takes identity's place at an equal weight, another coding's only above it.
    if (weight > 0 && (weight > bestWeight || (weight === bestWeight && chosen === 'identity'))) {
      chosen = coding;
      bestWeight = weight;
    }
  }
  return chosen;
}
