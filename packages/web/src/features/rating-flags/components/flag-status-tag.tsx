import { Tag } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { FlagStatus } from '../api/list-flags.ts';

const COLOR: Record<FlagStatus, string> = { pending: 'gold', confirmed: 'red', dismissed: 'green' };

export function FlagStatusTag({ status }: { status: FlagStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOR[status]}>{t(`flags.status.${status}`)}</Tag>;
}
