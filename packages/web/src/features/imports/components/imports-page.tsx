import { Card, Empty } from 'antd';
import { useState } from 'react';
import { useI18n } from '@/i18n/i18n-context.ts';
import type { ImportKind } from '../api/import-kinds.ts';
import { ImportHistory } from './import-history.tsx';
import { UploadCard } from './upload-card.tsx';

/** 批量导入: master data from CSV or XLSX, all rows or none, and the history of imports. */
export function ImportsPage({ kinds }: { kinds: readonly ImportKind[] }) {
  const { t } = useI18n();
  const [round, setRound] = useState(0);
  if (kinds.length === 0) return <Empty description={t('imports.nothing')} />;
  return (
    <div>
      <UploadCard kinds={kinds} onImported={() => setRound((n) => n + 1)} />
      <Card title={<h2 style={{ margin: 0, fontSize: 'inherit' }}>{t('imports.history')}</h2>}>
        <ImportHistory round={round} />
      </Card>
    </div>
  );
}
