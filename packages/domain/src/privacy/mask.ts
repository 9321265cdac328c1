/**
 * Masking of personal data (个人信息脱敏) for every response by default: enough to recognise,
 * not enough to identify.
 */

/** 13812341234 → 138****1234; short or foreign numbers keep only the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/[^0-9+]/g, '');
  if (digits.length >= 11) return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
  if (digits.length <= 2) return '*'.repeat(digits.length);
  return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
}

/** ID card or credit code: first 4 and last 4 kept, 110101199003071234 → 1101**********1234. */
export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 8) return `${s.slice(0, 1)}${'*'.repeat(Math.max(s.length - 1, 0))}`;
  return `${s.slice(0, 4)}${'*'.repeat(s.length - 8)}${s.slice(-4)}`;
}

/** A person's name keeps its first character: 张三 → 张*, 欧阳娜娜 → 欧***, Li Lei → L*****. */
export function maskPersonName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(chars.length - 1, 1));
}
