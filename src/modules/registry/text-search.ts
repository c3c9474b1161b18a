// Search terms for Chinese text. pg_trgm gives Chinese no similarity, and the text-search
// parser depends on the server's locale, so Gongzhi makes the lexemes itself: each run of
// Chinese characters gives its character bigrams (a run of one gives the character), and
// each run of letters or digits gives itself, lower-cased. Stored with array_to_tsvector
// and queried with a tsquery built from the same terms, both taken verbatim by PostgreSQL.

const han = /\p{Script=Han}/u;
const letterOrDigit = /[\p{L}\p{N}]/u;

/** The lexemes of a text: 翠微路28号院 → 翠微, 微路, 28, 号院. */
export function searchTerms(text: string): string[] {
  const terms = new Set<string>();
  const chars = Array.from(text.normalize('NFKC').toLowerCase());
  let run: string[] = [];
  let runIsHan = false;
  const flush = () => {
    if (run.length === 0) return;
    if (!runIsHan || run.length === 1) terms.add(run.join(''));
    else for (let i = 0; i + 1 < run.length; i++) terms.add(`${run[i]}${run[i + 1]}`);
    run = [];
  };
  for (const ch of chars) {
    const isHan = han.test(ch);
    if (!isHan && !letterOrDigit.test(ch)) {
      flush();
      continue;
    }
    if (run.length > 0 && isHan !== runIsHan) flush();
    runIsHan = isHan;
    run.push(ch);
  }
  flush();
  return [...terms];
}

/** The lexemes of several texts together (a name and an address). */
export function searchTermsOf(...texts: (string | null | undefined)[]): string[] {
  return [...new Set(texts.flatMap((t) => (t ? searchTerms(t) : [])))];
}

/**
 * A tsquery (as text, for a ::tsquery cast) matching every term of what was typed; the
 * last term matches as a prefix, so results follow the typing. Undefined when nothing
 * searchable was typed. A single Chinese character matches bigrams that start with it.
 */
export function tsqueryFor(typed: string): string | undefined {
  const terms = searchTerms(typed);
  if (terms.length === 0) return undefined;
  // A lone Chinese character is stored only as the start of bigrams: match it as a prefix.
  const prefix = (t: string, i: number) => i === terms.length - 1 || (t.length === 1 && han.test(t));
  return terms.map((t, i) => `'${t.replaceAll("'", "''").replaceAll('\\', '\\\\')}'${prefix(t, i) ? ':*' : ''}`).join(' & ');
}
