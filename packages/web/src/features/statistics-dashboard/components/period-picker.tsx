import { DatePicker, Segmented, Space, Typography } from 'antd';
import dayjs from 'dayjs';
import { useId } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { PeriodQuery } from '../api/get-statistics.ts';

export type PeriodUnit = 'month' | 'quarter' | 'year';
export type PeriodChoice = { unit: PeriodUnit; date: string } | { unit: 'range'; from: string; to: string };

/** The query of a choice: the named period containing a date, or the range. */
export function periodQuery(p: PeriodChoice): PeriodQuery {
  return p.unit === 'range' ? { from: p.from, to: p.to } : { period: p.unit, date: p.date };
}

/** Month, quarter, year or a range of days, with the picker that fits; `shown` is the period now shown. */
export function PeriodPicker({ value, shown, onChange }: { value: PeriodChoice; shown: { from: string; to: string } | undefined; onChange: (p: PeriodChoice) => void }) {
  const { t } = useI18n();
  const labelId = useId();
  const unitOf = (u: string) => u as PeriodChoice['unit'];
  const switchTo = (unit: PeriodChoice['unit']) => {
    if (unit === value.unit) return;
    const from = value.unit === 'range' ? value.from : (shown?.from ?? value.date);
    const to = value.unit === 'range' ? value.to : (shown?.to ?? value.date);
    onChange(unit === 'range' ? { unit, from, to } : { unit, date: value.unit === 'range' ? value.to : value.date });
  };
  return (
    <Space wrap>
      <Typography.Text id={labelId}>{t('dashboard.period')}</Typography.Text>
      <Segmented
        aria-labelledby={labelId}
        value={value.unit}
        onChange={(u) => switchTo(unitOf(String(u)))}
        options={(['month', 'quarter', 'year', 'range'] as const).map((u) => ({ value: u, label: t(`dashboard.period.${u}`) }))}
      />
      {value.unit === 'range' ? (
        <DatePicker.RangePicker
          aria-label={t('dashboard.pick.range')}
          allowClear={false}
          value={[dayjs(value.from), dayjs(value.to)]}
          onChange={(r) => r?.[0] && r[1] && onChange({ unit: 'range', from: r[0].format('YYYY-MM-DD'), to: r[1].format('YYYY-MM-DD') })}
        />
      ) : (
        <DatePicker
          aria-label={t(`dashboard.pick.${value.unit}`)}
          picker={value.unit}
          allowClear={false}
          value={dayjs(value.date)}
          onChange={(d) => d && onChange({ unit: value.unit as PeriodUnit, date: d.format('YYYY-MM-DD') })}
        />
      )}
    </Space>
  );
}
