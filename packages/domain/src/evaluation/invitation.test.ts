import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar } from '../calendar/working-calendar.ts';
import { checkSmsTemplates, DEFAULT_SMS_TEMPLATES, evaluationDeadlineText, invitationReminderAt, renderSmsTemplate } from './invitation.ts';
import { checkPolicy, NATIONAL_DEFAULT_POLICY as P, withPolicyDefaults } from './policy.ts';
import { parseSmsReply } from './sms-reply.ts';

const at = (iso: string) => new Date(iso);
const calendar = new WorkingCalendar();

describe('invitation texts (邀请评价短信)', () => {
  it('the default texts pass the check and carry the reply instructions', () => {
    expect(checkSmsTemplates(DEFAULT_SMS_TEMPLATES)).toEqual([]);
    expect(DEFAULT_SMS_TEMPLATES.invitation).toContain('回复1-5直接评价：5非常满意 4满意 3基本满意 2不满意 1非常不满意；回复TD退订');
    expect(DEFAULT_SMS_TEMPLATES.reminder).toContain('回复TD退订');
  });

  it('a text without its link, with a misspelt placeholder or too long is refused with its field', () => {
    const problems = checkPolicy({ ...P, smsTemplates: { invitation: '请评价{item}', reminder: '请于{dedline}前评价{link}', feedback: `${'长'.repeat(300)}{link}`, rectification: '整改情况见{unit}' } });
    expect(problems).toEqual([
      { field: 'smsTemplates.invitation', reason: 'must contain {link}' },
      { field: 'smsTemplates.reminder', reason: 'unknown placeholder {dedline}; use {item} {unit} {link} {deadline}' },
      { field: 'smsTemplates.reminder', reason: 'must contain {deadline}' },
      { field: 'smsTemplates.feedback', reason: 'at most 300 characters' },
      { field: 'smsTemplates.rectification', reason: 'must contain {link}' },
    ]);
    expect(checkPolicy({ ...P, reminderHour: 24 }).map((p) => p.field)).toEqual(['reminderHour']);
  });

  it('a version stored before the texts existed, or with only some of them, gets the defaults of the rest', () => {
    const { smsTemplates: _, reminderHour: __, ...older } = P;
    expect(withPolicyDefaults(older).smsTemplates).toEqual(DEFAULT_SMS_TEMPLATES);
    const partial = withPolicyDefaults({ ...older, smsTemplates: { invitation: '邀请{link}' } as never });
    expect(partial.smsTemplates).toEqual({ ...DEFAULT_SMS_TEMPLATES, invitation: '邀请{link}' });
  });

  it('fills placeholders literally and shortens long names', () => {
    const text = renderSmsTemplate('“{item}”在{unit}：{link} {deadline} {other}', { item: '{link}'.padEnd(60, '长'), unit: '灵武市民政局', link: 'https://hcp.example/e/abc', deadline: '10月12日24时' });
    expect(text).toBe(`“{link}${'长'.repeat(33)}…”在灵武市民政局：https://hcp.example/e/abc 10月12日24时 {other}`);
  });

  it('the deadline reads as the last day before the default applies', () => {
    expect(evaluationDeadlineText(at('2026-10-12T16:00:00Z'))).toBe('10月12日24时');
    expect(evaluationDeadlineText(at('2026-12-31T16:00:00Z'))).toBe('12月31日24时');
  });
});

describe('the reminder (提醒) before the default rating', () => {
  it('over an ordinary weekend: completed Monday → reminded Friday 09:00, default after the next Monday', () => {
    const opens = at('2026-11-16T02:00:00Z'); // Mon 10:00 Beijing
    expect(calendar.addWorkingDays(opens, P.defaultAfterWorkingDays)).toEqual(at('2026-11-23T16:00:00Z'));
    expect(invitationReminderAt(calendar, P, opens)).toEqual(at('2026-11-20T01:00:00Z'));
  });

  it('over National Day 2026: the reminder falls on the Saturday make-up working day 10月10日', () => {
    const opens = at('2026-09-29T02:00:00Z'); // Tue 29 Sep 10:00; working days: 9/30, 10/8, 10/9, 10/10 (Sat), 10/12
    expect(calendar.addWorkingDays(opens, 5)).toEqual(at('2026-10-12T16:00:00Z'));
    expect(invitationReminderAt(calendar, P, opens)).toEqual(at('2026-10-10T01:00:00Z'));
    expect(invitationReminderAt(calendar, { ...P, reminderWorkingDaysBefore: 2, reminderHour: 14 }, opens)).toEqual(at('2026-10-09T06:00:00Z'));
  });

  it('no reminder when the policy sends none', () => {
    expect(invitationReminderAt(calendar, { ...P, reminderWorkingDaysBefore: 0 }, at('2026-11-16T02:00:00Z'))).toBeNull();
  });

  it('always on a working day, after evaluation opened, leaving exactly the policy’s working days before the default', () => {
    const day = 86_400_000;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 0, max: day - 1 }), fc.integer({ min: 2, max: 10 }), fc.integer({ min: 1, max: 9 }), (d, ms, days, before) => {
        fc.pre(before < days);
        const policy = { ...P, defaultAfterWorkingDays: days, reminderWorkingDaysBefore: before };
        const opens = new Date(Date.UTC(2024, 0, 1) + d * day + ms);
        const remind = invitationReminderAt(calendar, policy, opens)!;
        const defaultAt = calendar.addWorkingDays(opens, days);
        const remindDay = new Date(remind.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
        expect(calendar.isWorkingDay(remindDay)).toBe(true);
        expect(remind.getTime()).toBeGreaterThan(opens.getTime());
        expect(calendar.remainingWorkingDays(defaultAt, remind)).toBe(before);
      }),
    );
  });
});

describe('SMS replies (短信回复)', () => {
  it('reads 1–5, also full-width and with spaces, as a rating', () => {
    expect(parseSmsReply('4')).toEqual({ kind: 'rating', level: 4 });
    expect(parseSmsReply(' ５\n')).toEqual({ kind: 'rating', level: 5 });
    expect(parseSmsReply('\u30001。')).toEqual({ kind: 'rating', level: 1 });
  });

  it('reads TD, T and 退订 in any case or width as an opt-out', () => {
    for (const t of ['TD', 'td', ' Td ', 'ＴＤ', 'T', 't', '退订']) expect(parseSmsReply(t)).toEqual({ kind: 'opt_out' });
  });

  it('guesses nothing else', () => {
    for (const t of ['', '0', '6', '45', '5分', '满意', 'TDX', '4 5', 'STOP']) expect(parseSmsReply(t)).toEqual({ kind: 'other' });
  });
});
