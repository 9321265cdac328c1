import { Button, Card, Descriptions, Result, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { useI18n } from '@/i18n/i18n-context.ts';
import { labelIn } from '@/lib/evaluation-labels.ts';
import { formatInstant } from '@/lib/format-instant.ts';
import { useKeptDraftContext } from '@/lib/form-draft.ts';
import type { Entered } from '../api/enter-evaluation.ts';
import { CaseLookup, type FoundCase } from './case-lookup.tsx';
import { ENTRY_DRAFT, EntryForm, type EntryDraftContext } from './entry-form.tsx';

const h2 = (text: string) => <h2 style={{ margin: 0, fontSize: 'inherit' }}>{text}</h2>;

/**
 * 代为录入: a rating the evaluator gave by 12345 phone, on a paper form (书面评价表), by e-mail or
 * WeChat, entered by an operator or supervisor for the case it concerns.
 */
export function EntryPage() {
  const { t, locale } = useI18n();
  const [found, setFound] = useState<FoundCase | null>(null);
  const [entered, setEntered] = useState<Entered | null>(null);
  // A new key for the lookup form after each success, so it starts empty.
  const [round, setRound] = useState(0);
  // Back after the session ended while entering a rating: the case is looked up again, and the form takes its draft back.
  const kept = useKeptDraftContext<EntryDraftContext>(ENTRY_DRAFT);

  if (entered && found) {
    const level = found.policy.policy.levels[entered.level as 1];
    return (
      <Card>
        <Result
          status="success"
          title={t('entry.done', { caseNo: entered.caseNo })}
          subTitle={[
            `${entered.level} ${level ? labelIn(level, locale) : ''}`,
            entered.round > 1 ? t('evaluations.round.followUp', { n: entered.round - 1 }) : t('evaluations.round.first'),
            entered.scanStored ? t('entry.scanStored') : null,
            formatInstant(entered.submittedAt, locale),
          ]
            .filter(Boolean)
            .join(' · ')}
          extra={
            <Space wrap>
              <Button
                type="primary"
                onClick={() => {
                  setEntered(null);
                  setFound(null);
                  setRound((r) => r + 1);
                }}
              >
                {t('entry.next')}
              </Button>
              <Link to="/console/evaluations">{t('entry.toList')}</Link>
            </Space>
          }
        />
      </Card>
    );
  }

  const c = found?.case;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card title={h2(t('entry.step.case'))}>
        <Typography.Paragraph type="secondary">{t('entry.caseHint')}</Typography.Paragraph>
        <CaseLookup key={round} caseNo={round === 0 ? kept?.caseNo : undefined} onFound={setFound} />
      </Card>
      {found && c && (
        <Card title={h2(t('entry.step.rating', { caseNo: c.caseNo }))}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            style={{ marginBottom: 24 }}
            items={[
              { key: 'item', label: t('cases.item'), children: `${c.itemName}（${c.itemCode}）` },
              { key: 'unit', label: t('cases.unit'), children: c.unitName },
              { key: 'mode', label: t('cases.channel'), children: t(`cases.channel.${c.channel}`) },
              { key: 'completed', label: t('cases.completedAt'), children: formatInstant(c.completedAt, locale) || t('common.none') },
              { key: 'policy', label: t('entry.policy'), children: t('entry.policyVersion', { version: found.policy.version }) },
            ]}
          />
          <EntryForm key={c.id} found={found} onEntered={setEntered} />
        </Card>
      )}
    </Space>
  );
}
