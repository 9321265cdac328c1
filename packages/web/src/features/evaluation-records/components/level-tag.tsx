import { Tag } from 'antd';
import { useI18n } from '@/i18n/i18n-context.ts';
import { levelName } from '@/lib/evaluation-labels.ts';

/** A level with its label as the policy version named it; bad ratings (差评) in red. */
export function LevelTag({ level, label, bad }: { level: number; label: string | null; bad: boolean }) {
  const { t, locale } = useI18n();
  return (
    <Tag color={bad ? 'red' : level >= 4 ? 'green' : 'default'}>
      {level} {label ?? levelName(level, locale)}
      {bad && ` · ${t('evaluations.badShort')}`}
    </Tag>
  );
}
