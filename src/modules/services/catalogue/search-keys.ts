// Search text of an item: its name and code with the name's pinyin and initials, so the
// catalogue finds 低保 by "dibao" or "db" (pinyin-pro).
import { pinyin } from 'pinyin-pro';

/** Lower-case search text for a name and code. */
export function itemSearchText(name: string, code: string): string {
  const syllables = pinyin(name, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase().replace(/[^a-z0-9]/g, ''));
  return [name, code.toLowerCase(), syllables.join(''), syllables.map((s) => s[0] ?? '').join('')].join(' ');
}
