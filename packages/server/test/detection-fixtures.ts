import { addDays, dayOfWeek, startOfShanghaiDay } from '@hcp/domain';
import { Random } from '../src/seed/random.ts';
import { seedRegions, system, type TestApp } from './test-app.ts';

/**
 * A county's month of ratings for the detection tests: clean ratings as evaluators give them, plus
 * each manipulation pattern injected on purpose. Every generated rating says which pattern (if any)
 * it belongs to, so a test can measure what the detectors catch and what they flag wrongly.
 * Rows are written straight into the tables (the scan reads stored ratings, however they came), in
 * time order, so ids grow with time as they do in production.
 */

const LINGWU = '640181000000';
export const UNITS = 8;
export const WINDOWS = 16;

export type Pattern = 'burst_device' | 'burst_ip' | 'burst_phone' | 'fast_device' | 'self_rating' | 'identical_text' | 'level_skew';

export interface GeneratedRating {
  caseNo: string;
  unit: number;
  window: number;
  staff: number;
  channel: 'device' | 'qr_code' | 'sms' | 'web' | 'default';
  level: number;
  text: string | null;
  at: Date;
  /** When the clerk asked the device (device ratings). */
  invitedAt: Date | null;
  ip: string | null;
  /** The applicant's phone and ID number; a real-name rating is given with them. */
  phone: string;
  idNumber: string;
  realName: boolean;
  pattern: Pattern | null;
}

export const staffPhone = (s: number) => `1390000${String(s).padStart(4, '0')}`;
export const staffIdNumber = (s: number) => `64018119800101${String(s).padStart(4, '0')}`;
const applicantPhone = (n: number) => `1380${String(n).padStart(7, '0')}`;
const applicantId = (n: number) => `64018119900101${String(n % 10_000).padStart(4, '0')}`;
/** Each window's unit; each window has two staff members of that unit: 2w and 2w+1. */
export const unitOfWindow = (w: number) => w % UNITS;

const SHORT = ['很好', '满意', '服务态度很好', '办事效率高', '非常满意', '点赞', '不错', '好评', '效率很高', '态度热情'];
const COMMON = '办事效率高，服务态度好，非常满意！';
const SLOTS = [
  ['今天来办', '上午来办理', '第一次来办', '陪家人来办', '下午过来办', '带着材料来办', '按预约来办', '路过顺便办'],
  ['社保转移', '营业执照', '户口迁移', '不动产登记', '低保申请', '医保报销', '居住证', '公积金提取'],
  ['窗口讲解很清楚', '等了一会儿', '材料一次就齐了', '流程比以前简单', '系统有点卡', '排队人不多', '指引牌很醒目', '工作人员很耐心'],
  ['下次还来', '希望继续保持', '给个好评', '总体还行', '建议多开窗口', '感谢', '挺方便的', '辛苦了'],
];
export const CAMPAIGN_TEXT = '窗口工作人员业务熟练耐心细致值得表扬';

function cleanLevel(r: Random): number {
  const x = r.next();
  return x < 0.85 ? 5 : x < 0.93 ? 4 : x < 0.97 ? 3 : x < 0.99 ? 2 : 1;
}

function cleanText(r: Random): string | null {
  if (!r.chance(0.25)) return null;
  const x = r.next();
  if (x < 0.55) return r.pick(SHORT);
  if (x < 0.65) return COMMON;
  return SLOTS.map((s) => r.pick(s)).join('，');
}

/** Seconds an evaluator takes to read the screen and tap: log-normal, median 12 s. */
function latencySeconds(r: Random): number {
  const u = Math.max(r.next(), 1e-9);
  const v = r.next();
  const normal = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.max(1.5, 12 * Math.exp(0.6 * normal));
}

/** Working days (Mon–Fri) from 2026-10-12 to 2026-11-06, no holiday among them. */
export function workingDays(): string[] {
  const days: string[] = [];
  for (let d = '2026-10-12'; d <= '2026-11-06'; d = addDays(d, 1)) if (dayOfWeek(d) <= 5) days.push(d);
  return days;
}

const at = (day: string, hours: number) => new Date(startOfShanghaiDay(day).getTime() + hours * 3_600_000);

export function generateRatings(seed = 20261122): GeneratedRating[] {
  const r = new Random(seed);
  const out: GeneratedRating[] = [];
  let n = 0;
  const next = (g: Omit<GeneratedRating, 'caseNo' | 'phone' | 'idNumber'> & { phone?: string; idNumber?: string }): GeneratedRating => {
    n++;
    // Applicants: mostly one case each; a pool of 20 people come back now and then.
    const who = g.channel === 'sms' && r.chance(0.05) ? 900_000 + r.int(0, 19) : n;
    const rating = { ...g, caseNo: `DT-${String(n).padStart(6, '0')}`, phone: g.phone ?? applicantPhone(who), idNumber: g.idNumber ?? applicantId(who) };
    out.push(rating);
    return rating;
  };
  const days = workingDays();

  // Clean: every window's device through the day, a case every 20–60 minutes, rated on the device half the time.
  for (const day of days) {
    for (let w = 0; w < WINDOWS; w++) {
      let h = 9 + r.next() * 0.5;
      while (h < 17) {
        if (r.chance(0.5)) {
          const staff = 2 * w + r.int(0, 1);
          const invitedAt = at(day, h);
          const fastClerk = staff === 10 && day >= '2026-10-19' && day <= '2026-10-30';
          const seconds = fastClerk ? 0.8 + r.next() * 1.2 : latencySeconds(r);
          next({
            unit: unitOfWindow(w), window: w, staff, channel: 'device', level: cleanLevel(r), text: cleanText(r), at: new Date(invitedAt.getTime() + seconds * 1000),
            invitedAt, ip: null, realName: false, pattern: fastClerk ? 'fast_device' : null,
          });
        }
        h += (20 + r.next() * 40) / 60;
      }
    }
    // Clean: QR codes and portal links during the day (a quarter from the hall's guest Wi-Fi), SMS replies until the evening.
    for (let i = 0; i < 15; i++) {
      const w = r.int(0, WINDOWS - 1);
      const channel = r.chance(0.6) ? 'qr_code' : 'web';
      const ip = r.chance(0.25) ? '10.0.0.1' : `100.${r.int(0, 255)}.${r.int(0, 255)}.${r.int(1, 254)}`;
      next({ unit: unitOfWindow(w), window: w, staff: 2 * w + r.int(0, 1), channel, level: cleanLevel(r), text: cleanText(r), at: at(day, 9 + r.next() * 8.5), invitedAt: null, ip, realName: channel === 'qr_code', pattern: null });
    }
    for (let i = 0; i < 20; i++) {
      const w = r.int(0, WINDOWS - 1);
      next({ unit: unitOfWindow(w), window: w, staff: 2 * w + r.int(0, 1), channel: 'sms', level: cleanLevel(r), text: cleanText(r), at: at(day, 9 + r.next() * 13), invitedAt: null, ip: null, realName: true, pattern: null });
    }
    // Default ratings (默认评价) pass by the scan.
    for (let i = 0; i < 3; i++) {
      const w = r.int(0, WINDOWS - 1);
      next({ unit: unitOfWindow(w), window: w, staff: 2 * w, channel: 'default', level: 3, text: null, at: at(day, 0.5), invitedAt: null, ip: null, realName: false, pattern: null });
    }
  }

  // Injected 1: a clerk at window 3 runs 8 cases through the device after hours, 30 s apart.
  for (let i = 0; i < 8; i++) {
    const invitedAt = at('2026-10-28', 17.5 + (i * 30) / 3600);
    next({ unit: unitOfWindow(3), window: 3, staff: 6, channel: 'device', level: 5, text: null, at: new Date(invitedAt.getTime() + (8 + r.next() * 7) * 1000), invitedAt, ip: null, realName: false, pattern: 'burst_device' });
  }
  // Injected 2: 7 QR ratings from one address within 8 minutes, for cases of several windows.
  for (let i = 0; i < 7; i++) {
    const w = r.int(0, WINDOWS - 1);
    next({ unit: unitOfWindow(w), window: w, staff: 2 * w, channel: 'qr_code', level: 5, text: null, at: at('2026-10-20', 12.2 + (i * 70) / 3600), invitedAt: null, ip: '100.64.7.7', realName: true, pattern: 'burst_ip' });
  }
  // Injected 3: one phone answers 5 invitations by SMS within 40 minutes.
  for (let i = 0; i < 5; i++) {
    const w = r.int(0, WINDOWS - 1);
    next({ unit: unitOfWindow(w), window: w, staff: 2 * w + 1, channel: 'sms', level: 5, text: null, at: at('2026-11-02', 20 + (i * 9) / 60), invitedAt: null, ip: null, realName: true, phone: '13811112222', pattern: 'burst_phone' });
  }
  // Injected 5: staff 18 rates 4 of their own cases with their own phone; staff 20 rates 3 with their own ID number.
  for (let i = 0; i < 4; i++) {
    next({ unit: unitOfWindow(9), window: 9, staff: 18, channel: 'sms', level: 5, text: null, at: at(days[3 + i * 4]!, 19), invitedAt: null, ip: null, realName: true, phone: staffPhone(18), pattern: 'self_rating' });
  }
  for (let i = 0; i < 3; i++) {
    next({ unit: unitOfWindow(10), window: 10, staff: 20, channel: 'qr_code', level: 5, text: null, at: at(days[5 + i * 5]!, 16.9), invitedAt: null, ip: `100.99.${i}.1`, realName: true, idNumber: staffIdNumber(20), pattern: 'self_rating' });
  }
  // Injected 6: the same praise on 5 device ratings of unit 2 within 4 days (replacing their texts).
  const unit2 = out.filter((g) => g.unit === 2 && g.channel === 'device' && g.pattern === null && g.at >= at('2026-11-02', 0) && g.at < at('2026-11-06', 0));
  for (let i = 0; i < 5; i++) {
    const g = unit2[Math.floor((i * unit2.length) / 5)]!;
    g.text = CAMPAIGN_TEXT;
    g.pattern = 'identical_text';
  }
  // Injected 7: a campaign of 非常不满意 against window 7 by QR code, from different phones and addresses, over two weeks.
  for (let i = 0; i < 30; i++) {
    next({
      unit: unitOfWindow(7), window: 7, staff: 14 + (i % 2), channel: 'qr_code', level: 1, text: '态度恶劣', at: at(days[10 + (i % 10)]!, 9.5 + Math.floor(i / 10) * 2.5 + r.next()),
      invitedAt: null, ip: `100.77.${i}.${r.int(1, 254)}`, realName: true, pattern: 'level_skew',
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.caseNo.localeCompare(b.caseNo));
}

export interface DetectionWorld {
  unitIds: number[];
  unitPaths: string[];
  windowIds: number[];
  deviceIds: number[];
  staffIds: number[];
  itemIds: number[];
  hallId: number;
  policyId: number;
}

/** 灵武市 with 8 units, a hall with 16 windows (one device each) and 32 staff with their own phone and ID number. */
export async function seedDetectionWorld(ta: TestApp): Promise<DetectionWorld> {
  await seedRegions(ta);
  const orgs = ta.c.services.organisations;
  const db = ta.t.db;
  const units = [];
  for (let u = 0; u < UNITS; u++) units.push(await orgs.create(system, { regionCode: LINGWU, kind: 'unit', code: `DT-U${u}`, name: `灵武市测试单位${u}` }));
  const hall = await orgs.create(system, { regionCode: LINGWU, kind: 'hall', name: '灵武市政务服务大厅' });
  const windows = [];
  for (let w = 0; w < WINDOWS; w++) windows.push(await orgs.create(system, { regionCode: LINGWU, kind: 'window', parentId: hall.id, code: `W${w}`, name: `${w} 号窗口` }));
  const devices = await db.insertInto('devices').values(windows.map((w) => ({ window_id: w.id, name: `评价器 ${w.code}` }))).returning('id').execute();
  const staffIds: number[] = [];
  for (let s = 0; s < WINDOWS * 2; s++) {
    const unit = units[unitOfWindow(Math.floor(s / 2))]!;
    const created = await ta.c.services.staff.create(system, { unitId: unit.id, employeeNo: `S${s}`, name: `测试员${s}`, windowIds: [windows[Math.floor(s / 2)]!.id], phone: staffPhone(s), idNumber: staffIdNumber(s) });
    staffIds.push(created.id);
  }
  const items = await db
    .insertInto('service_items')
    .values(units.map((u, i) => ({ item_code: `DT-ITEM-${i}`, version: 1, name: `测试事项${i}`, item_type: 'public_service', promised_days: 5, owner_org_id: u.id, region_code: LINGWU })))
    .returning('id')
    .execute();
  const policy = await ta.c.services.evaluations.policyFor(LINGWU);
  return {
    unitIds: units.map((u) => u.id),
    unitPaths: units.map((u) => u.path),
    windowIds: windows.map((w) => w.id),
    deviceIds: devices.map((d) => d.id),
    staffIds,
    itemIds: items.map((i) => i.id),
    hallId: hall.id,
    policyId: policy.id,
  };
}

/** Writes generated ratings (with their cases and device requests) in order; answers each one's evaluation id. */
export async function insertRatings(ta: TestApp, w: DetectionWorld, ratings: readonly GeneratedRating[]): Promise<Map<string, number>> {
  const db = ta.t.db;
  const cipher = ta.c.cipher;
  const ids = new Map<string, number>();
  for (let i = 0; i < ratings.length; i += 400) {
    const chunk = ratings.slice(i, i + 400);
    const cases = await db
      .insertInto('cases')
      .values(chunk.map((g) => ({
        case_no: g.caseNo, item_id: w.itemIds[g.unit]!, item_code: `DT-ITEM-${g.unit}`, unit_id: w.unitIds[g.unit]!, org_path: w.unitPaths[g.unit]!, window_id: w.windowIds[g.window]!,
        staff_id: w.staffIds[g.staff]!, region_code: LINGWU, channel: g.channel === 'web' ? 'online' as const : 'offline' as const, applicant_type: 1,
        applicant_phone_bidx: cipher.blindIndex('phone', g.phone), applicant_id_bidx: cipher.blindIndex('id', g.idNumber),
        stage: 'completed', stage_at: new Date(g.at.getTime() - 600_000), completed_at: new Date(g.at.getTime() - 600_000),
      })))
      .returning(['id', 'case_no'])
      .execute();
    const caseId = new Map(cases.map((c) => [c.case_no, c.id]));
    const onDevice = chunk.filter((g) => g.channel === 'device');
    const requests = onDevice.length
      ? await db
          .insertInto('device_requests')
          .values(onDevice.map((g) => ({ device_id: w.deviceIds[g.window]!, case_id: caseId.get(g.caseNo)!, requested_by_kind: 'user' as const, created_at: g.invitedAt!, expires_at: new Date(g.invitedAt!.getTime() + 600_000), status: 'done' as const, finished_at: g.at })))
          .returning(['id', 'case_id'])
          .execute()
      : [];
    const requestOf = new Map(requests.map((r) => [r.case_id, r.id]));
    const rows = await db
      .insertInto('evaluations')
      .values(chunk.map((g) => {
        const c = caseId.get(g.caseNo)!;
        return {
          case_id: c, round: 1, kind: g.channel === 'default' ? 'default' as const : 'active' as const, level: g.level, bad: g.level <= 2, tags: g.level <= 2 ? ['201'] : [], text: g.text,
          scores: '{}', channel: g.channel, policy_id: w.policyId, real_name: g.realName, evaluator_phone_bidx: g.realName ? cipher.blindIndex('phone', g.phone) : null,
          item_id: w.itemIds[g.unit]!, unit_id: w.unitIds[g.unit]!, window_id: w.windowIds[g.window]!, hall_id: w.hallId, staff_id: w.staffIds[g.staff]!, region_code: LINGWU, org_path: w.unitPaths[g.unit]!,
          source_ref: g.channel === 'device' ? `device-request:${requestOf.get(c)}` : null, device_id: g.channel === 'device' ? w.deviceIds[g.window]! : null,
          client_ip_hash: g.ip ? cipher.blindIndex('id', `ip:${g.ip}`) : null, submitted_at: g.at, created_at: g.at,
        };
      }))
      .returning(['id', 'case_id'])
      .execute();
    const byCase = new Map(rows.map((r) => [r.case_id, r.id]));
    for (const g of chunk) ids.set(g.caseNo, byCase.get(caseId.get(g.caseNo)!)!);
  }
  return ids;
}
