// Pinyin search keys for names, so staff can find 张三丰 by typing "zhangsanfeng" or "zsf".
import { pinyin } from 'pinyin-pro';

/** How a name can be found: its whole pinyin and the initials of its syllables. */
export interface NameSearchKeys {
  /** Lower-case pinyin without tones or spaces, ü written v: 张三丰 → zhangsanfeng, 吕布 → lvbu. */
  full: string;
  /** First letter of each syllable: 张三丰 → zsf. */
  initials: string;
}

export type SearchTermKind = 'initials' | 'pinyin' | 'chinese' | 'digits';

// Every toneless Mandarin syllable (ü written v), as pinyin-pro spells them. The
// interjections m, n, ng, hng and ê are left out so that a single consonant is not
// mistaken for a syllable.
const syllables: ReadonlySet<string> = new Set(
  `a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai
  can cang cao ce cen ceng cha chai chan chang chao che chen cheng chi chong chou chu chua
  chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan dang dao de
  dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa
  fan fang fei fen feng fo fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai
  guan guang gui gun guo ha hai han hang hao he hei hen heng hong hou hu hua huai huan
  huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai
  kan kang kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang
  lao le lei leng li lia lian liang liao lie lin ling liu lo long lou lu luan lun luo lv
  lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu na nai
  nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nuo nv
  nve o ou pa pai pan pang pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian
  qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao re ren reng ri rong rou ru
  rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei
  shen sheng shi shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui
  sun suo ta tai tan tang tao te tei teng ti tian tiao tie ting tong tou tu tuan tui tun
  tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu
  xuan xue xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang
  zao ze zei zen zeng zha zhai zhan zhang zhao zhe zhei zhen zheng zhi zhong zhou zhu zhua
  zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo`.split(/\s+/),
);
const longestSyllable = 6; // chuang, shuang, zhuang
const lowerLetters = /^[a-z]+$/;

/**
 * The pinyin keys stored beside a name for search. The first character is read as a
 * surname (单 shan, 曾 zeng, 解 xie, 区 ou, 万俟 moqi). Letters and digits that are not
 * Chinese (a foreign name, a name typed in pinyin) are kept lower-cased, without accents,
 * and each run of them counts as one word for the initials: Anna王 → annawang / aw.
 * Spaces, punctuation (·, -, .) and other symbols are dropped.
 */
export function nameSearchKeys(name: string): NameSearchKeys {
  const text = name.normalize('NFKC').trim();
  const chars = pinyin(text, { toneType: 'none', type: 'all', surname: 'head', v: true });
  let full = '';
  let initials = '';
  let inWord = false; // inside a run of non-Chinese letters and digits
  for (const char of chars) {
    // Plain letters need no accent stripping (most readings, since tones are off).
    const reading = lowerLetters.test(char.pinyin) ? char.pinyin : stripAccents(char.pinyin).toLowerCase();
    if (char.isZh && lowerLetters.test(reading)) {
      full += reading;
      initials += reading[0];
      inWord = false;
      continue;
    }
    // Not Chinese, or a Chinese character pinyin-pro has no reading for: keep it as text.
    const kept = stripAccents(char.origin).toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
    if (kept === '') {
      inWord = false;
      continue;
    }
    full += kept;
    if (!inWord) initials += Array.from(kept)[0];
    inWord = true;
  }
  return { full, initials };
}

/**
 * How a search-box query should be matched: 'digits' against ID numbers and phones,
 * 'pinyin' against the full pinyin key, 'initials' against the initials key, and
 * 'chinese' (anything containing Chinese, or mixing scripts) literally against the name.
 * Letters that read as whole syllables, the last one perhaps still being typed
 * (zhangsanf), are 'pinyin'; other letters (zsf, ly) and single letters are 'initials'.
 * Some initials also read as pinyin (艾娥 → ae): a search may try the other key too.
 * An empty query is 'chinese', which as a literal match matches every name.
 */
export function searchTermKind(q: string): SearchTermKind {
  const compact = q.normalize('NFKC').replace(/[\s'’-]/g, '');
  // The X ending is there so the tail of an ID number (002X) still counts as digits.
  if (/^\d+[xX]?$/.test(compact)) return 'digits';
  if (/^[a-zA-ZüÜ]+$/.test(compact)) {
    const letters = compact.toLowerCase().replaceAll('ü', 'v');
    if (letters.length > 1 && readsAsPinyin(letters)) return 'pinyin';
    return 'initials';
  }
  return 'chinese';
}

// True when the letters split into whole syllables, allowing the last one to be the
// start of a syllable (the user is still typing it).
function readsAsPinyin(letters: string): boolean {
  // canEnd[i]: letters[i..] can be split as required.
  const canEnd: boolean[] = new Array<boolean>(letters.length + 1).fill(false);
  canEnd[letters.length] = true;
  for (let i = letters.length - 1; i >= 0; i--) {
    for (let j = i + 1; j <= Math.min(letters.length, i + longestSyllable); j++) {
      const piece = letters.slice(i, j);
      if ((syllables.has(piece) && canEnd[j]) || (j === letters.length && startsSomeSyllable(piece))) {
        canEnd[i] = true;
        break;
      }
    }
  }
  return canEnd[0] === true;
}

/** Whether lower-case letters (ü written v) are exactly one toneless Mandarin syllable. */
export function isPinyinSyllable(letters: string): boolean {
  return syllables.has(letters);
}

function startsSomeSyllable(prefix: string): boolean {
  for (const syllable of syllables) if (syllable.startsWith(prefix)) return true;
  return false;
}

function stripAccents(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
}
