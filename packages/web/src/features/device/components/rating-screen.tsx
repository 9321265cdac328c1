import { useState } from 'react';
import type { DeviceSubmission, EvaluateEvent } from '../types.ts';
import { useDeviceText } from '../use-device-text.ts';

interface Props {
  event: EvaluateEvent;
  sending: boolean;
  /** Why the last submission failed, to try again. */
  failed: boolean;
  onSubmit: (s: DeviceSubmission) => void;
}

/** A key the server keeps with the rating, so a retry after a lost answer is stored once. */
const newKey = (requestId: number) => `${requestId}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;

/**
 * The five levels as large buttons. A good level is sent at once; a bad one (差评) asks for the
 * reasons of that level and an optional text, as the region's policy requires.
 */
export function RatingScreen({ event, sending, failed, onSubmit }: Props) {
  const { t, label } = useDeviceText();
  const [key] = useState(() => newKey(event.requestId));
  const [level, setLevel] = useState<number | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [missing, setMissing] = useState<string | null>(null);
  const chosen = event.levels.find((l) => l.level === level);

  const send = (lvl: number, withTags: string[], withText: string) =>
    onSubmit({ level: lvl, tags: withTags, text: withText.trim() || null, idempotencyKey: key });

  const choose = (l: EvaluateEvent['levels'][number]) => {
    setLevel(l.level);
    setTags([]);
    setMissing(null);
    if (!l.bad) send(l.level, [], '');
  };

  const submitBad = () => {
    const hasTag = tags.length > 0;
    const hasText = text.trim().length > 0;
    const rule = event.badRatingNeeds;
    if (rule === 'tag_or_text' && !hasTag && !hasText) return setMissing(t('device.rate.needReason'));
    if (rule === 'tag' && !hasTag) return setMissing(t('device.rate.needTag'));
    if (rule === 'text' && !hasText) return setMissing(t('device.rate.needText'));
    setMissing(null);
    send(level!, tags, text);
  };

  const toggle = (code: string) => {
    setMissing(null);
    setTags((cur) => (cur.includes(code) ? cur.filter((c) => c !== code) : [...cur, code]));
  };

  return (
    <main className="device-screen device-rate" id="main">
      <header className="device-case">
        <p className="device-item">{event.itemName}</p>
        <p className="device-case-no">{t('device.rate.case', { caseNo: event.caseNo })}</p>
      </header>
      <h1>{t('device.rate.title')}</h1>
      {(!chosen || !chosen.bad) && (
        <div className="device-levels" role="group" aria-label={t('device.rate.levels')}>
          {event.levels.map((l) => (
            <button
              key={l.level}
              type="button"
              className={`device-level device-level-${l.level}`}
              aria-pressed={level === l.level}
              disabled={sending}
              onClick={() => choose(l)}
            >
              {label(l)}
            </button>
          ))}
        </div>
      )}
      {chosen?.bad && (
        <section className="device-reasons">
          <p className="device-chosen">
            <span className={`device-level-badge device-level-${chosen.level}`}>{label(chosen)}</span>
            <button type="button" className="device-secondary" onClick={() => setLevel(null)} disabled={sending}>
              {t('device.rate.back')}
            </button>
          </p>
          <div role="group" aria-label={t('device.rate.reasons')}>
            <h2>{t('device.rate.reasons')}</h2>
            <div className="device-tags">
              {event.tags
                .filter((tag) => tag.level === chosen.level)
                .map((tag) => (
                  <button key={tag.code} type="button" className="device-tag" aria-pressed={tags.includes(tag.code)} onClick={() => toggle(tag.code)} disabled={sending}>
                    {label(tag)}
                  </button>
                ))}
            </div>
          </div>
          <label className="device-text-label" htmlFor="device-text">
            {t('device.rate.text', { max: event.textMaxLength })}
          </label>
          <textarea id="device-text" className="device-text" rows={3} maxLength={event.textMaxLength} value={text} onChange={(e) => { setMissing(null); setText(e.target.value); }} disabled={sending} />
          {missing && <p className="device-error" role="alert">{missing}</p>}
          <button type="button" className="device-primary" onClick={submitBad} disabled={sending}>
            {sending ? t('device.rate.sending') : t('device.rate.submit')}
          </button>
        </section>
      )}
      {failed && !sending && <p className="device-error" role="alert">{t('device.rate.failed')}</p>}
      <p className="device-private">{t('device.rate.private')}</p>
    </main>
  );
}
