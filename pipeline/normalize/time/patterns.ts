/** Pattern fragments shared by the recognizers, matched against folded text. Alternatives are ordered longest first. */

/** a year written with 年: 2019年, 2017 年, 19年, 一九九八年, 九七年, 两千零八年 (a bare 两千年 could be a duration: not read) */
export const Y =
  '(?<![0-9零一二三四五六七八九十百千万两几])(?<y>[12][0-9]{3}|[0-9]{2}|[一二两]千(?:零[一二三四五六七八九]|零?[一二]十[一二三四五六七八九]?)|[零一二三四五六七八九]{4}|[零一二三四五六七八九]{2}) ?年'
export const M = '1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十]'
export const D = '3[01]|[12][0-9]|0?[1-9]|三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|廿[一二三四五六七八九]?|[一二三四五六七八九十]'
/** a part of a quarter: 一季度末, 四季度初 */
export const QUARTER_PART = '(?:初(?![步中次衷心级])|末(?!期)|底)'
/** a season after a year: 2023年春, 2021年夏季; one character only before punctuation or a few words (not 春节, 冬奥, 夏普) */
const SEASON = '[春夏秋冬][季天]|[春夏秋冬](?=$|[\\s,.;:!?。；：！？、)]|以来|起|开始|期间|时|之际)'
export const YEAR_PART = `(?<yp>年初|年中(?!国)|年底|年末|开年(?![会终度报轻])|初(?![步中次衷心级])|中(?![国方央共文心部东西南北秋])|底|末(?!期)|伊始|上半年|下半年|前半年|后半年|(?:第?[一二三四1-4]季度|首季度|第[一二三四1-4]季(?![节赛]))(?<qp>${QUARTER_PART})?|q[1-4]|${SEASON})`
export const MONTH_PART = '(?<mp>上中旬|中下旬|上旬|中旬|下旬|初(?![步中次衷心级])|中(?![国方央共文心部东西南北秋])|底|末)'
export const CLOCK_CORE = '(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9一二三四五六七八九十]{1,3}[点时](?:[0-9]{1,2}分(?:[0-9]{1,2}秒)?|半|[一二三]刻)?)'
export const DAY_PART = '(?:上午|下午|晚上|早上|早晨|中午|凌晨|傍晚|夜里|晚|早)'
export const CLOCK = `(?:\\s*${DAY_PART}?\\s*${CLOCK_CORE})?`
export const TAIL = '(?<q>之前|以前|前后|左右|之后|以后|以来|起|前(?![往进景夕身任者述面列提台期沿线途所瞻景])|后(?![来者续面期台半]))?'
/** 日 or 号 after a day, or no word when the day follows 月 directly and punctuation, 至, a time of day or a tail follows it (5月20, 3月5至4月12, 7月12晚间; not 6月 2 款) */
export const DAY_END =
  ' ?[日号]|(?<=月[0-9一二三四五六七八九十廿~至到-]{1,7})(?=$|[;:!?。；：！？、)」”"\'至到~-]|[.,](?![0-9])|上午|下午|中午|晚|早|凌晨|傍晚|夜|起|前|后|以|之)'
export const MD = `(?<m>${M})(?:(?:--|[-~至到])(?<mEnd>${M}))? ?月份?(?: ?(?<d>${D})(?:(?:--|[-~至到])(?<dEnd>${D}))?(?:${DAY_END})${CLOCK}|${MONTH_PART})?`
