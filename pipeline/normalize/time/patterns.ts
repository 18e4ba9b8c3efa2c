/** Pattern fragments shared by the recognizers, matched against folded text. Alternatives are ordered longest first. */

/** a year written with 年: 2019年, 19年, 一九九八年, 九七年 */
export const Y = '(?<![0-9零一二三四五六七八九十百千万两几])(?<y>[12][0-9]{3}|[0-9]{2}|[零一二三四五六七八九]{4}|[零一二三四五六七八九]{2})年'
export const M = '1[0-2]|0?[1-9]|十[一二]|[一二三四五六七八九十]'
export const D = '3[01]|[12][0-9]|0?[1-9]|三十一|三十|二十[一二三四五六七八九]|二十|十[一二三四五六七八九]|廿[一二三四五六七八九]?|[一二三四五六七八九十]'
export const YEAR_PART =
  '(?<yp>年初|年中(?!国)|年底|年末|初(?![步中次衷心级])|中(?![国方央共文心部东西南北])|底|末(?!期)|伊始|上半年|下半年|前半年|后半年|第?[一二三四1-4]季度|首季度|q[1-4])'
export const MONTH_PART = '(?<mp>上旬|中旬|下旬|初(?![步中次衷心级])|中(?![国方央共文心部东西南北])|底|末)'
export const CLOCK_CORE = '(?:[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?|[0-9一二三四五六七八九十]{1,3}[点时](?:[0-9]{1,2}分(?:[0-9]{1,2}秒)?|半|[一二三]刻)?)'
export const DAY_PART = '(?:上午|下午|晚上|早上|早晨|中午|凌晨|傍晚|夜里|晚|早)'
export const CLOCK = `(?:\\s*${DAY_PART}?\\s*${CLOCK_CORE})?`
export const TAIL = '(?<q>之前|以前|前后|左右|之后|以后|以来|起|前(?![往进景夕身任者述面列提台期沿线途所瞻景])|后(?![来者续面期台半]))?'
export const MD = `(?<m>${M})(?:(?:--|[-~至到])(?<mEnd>${M}))?月份?(?:(?<d>${D})(?:(?:--|[-~至到])(?<dEnd>${D}))?[日号]${CLOCK}|${MONTH_PART})?`
