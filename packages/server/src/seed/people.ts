import { GIVEN, SURNAMES } from './demo-catalog.ts';
import type { Random } from './random.ts';

export function personName(r: Random): string {
  return r.pick(SURNAMES) + r.pick(GIVEN) + (r.chance(0.6) ? r.pick(GIVEN) : '');
}

/** A mobile number of a real prefix; the numbers are random, not anyone's on purpose. */
export function phoneNumber(r: Random): string {
  const prefix = r.pick(['130', '133', '135', '138', '139', '151', '155', '177', '180', '186', '189', '199']);
  return prefix + String(r.int(0, 99_999_999)).padStart(8, '0');
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** A GB 11643 resident ID number with a valid check digit, born in this county. */
export function idNumber(r: Random, regionCode6: string): string {
  const year = r.int(1950, 2004);
  const month = String(r.int(1, 12)).padStart(2, '0');
  const day = String(r.int(1, 28)).padStart(2, '0');
  const body = `${regionCode6}${year}${month}${day}${String(r.int(0, 999)).padStart(3, '0')}`;
  const sum = body.split('').reduce((s, d, i) => s + Number(d) * ID_WEIGHTS[i]!, 0);
  return body + ID_CHECK[sum % 11]!;
}

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A GB 32100 unified social credit code with a valid check character. */
export function creditCode(r: Random, regionCode6: string): string {
  let body = `91${regionCode6}`;
  while (body.length < 17) body += CREDIT_CHARS[r.int(0, 30)];
  const sum = body.split('').reduce((s, ch, i) => s + CREDIT_CHARS.indexOf(ch) * CREDIT_WEIGHTS[i]!, 0);
  return body + CREDIT_CHARS[(31 - (sum % 31)) % 31]!;
}

const TRADES = ['商贸', '建材', '餐饮', '物流', '农业科技', '建筑工程', '电子', '文化传媒', '枸杞', '羊绒制品', '汽车维修', '家政服务'];
const FORMS = ['有限公司', '有限责任公司', '商行', '专业合作社'];

export function companyName(r: Random, county: string): string {
  const brand = r.pick(GIVEN) + r.pick(GIVEN);
  return `${county}${brand}${r.pick(TRADES)}${r.pick(FORMS)}`;
}
