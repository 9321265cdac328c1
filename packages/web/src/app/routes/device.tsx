import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { DeviceMessageKey } from '@/i18n/device-messages.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { ApiError } from '@/lib/api-client.ts';
import { applyStoredElderMode, ELDER_CLASS, hasElderModeChoice } from '@/lib/elder-mode.ts';
import { useDocumentTitle } from '@/lib/use-document-title.ts';
import { connectDeviceEvents } from '@/features/device/api/device-events.ts';
import { submitDeviceEvaluation } from '@/features/device/api/submit-device-evaluation.ts';
import { IdleScreen } from '@/features/device/components/idle-screen.tsx';
import { PairingScreen } from '@/features/device/components/pairing-screen.tsx';
import { RatingScreen } from '@/features/device/components/rating-screen.tsx';
import { ThanksScreen } from '@/features/device/components/thanks-screen.tsx';
import { forgetDeviceToken, readDeviceToken, saveDeviceToken } from '@/features/device/device-token.ts';
import type { DeviceSubmission, EvaluateEvent, IdleState } from '@/features/device/types.ts';
import { useDeviceText } from '@/features/device/use-device-text.ts';
import '@/features/device/components/device.css';

/** How long the thank-you screen stays before the idle screen returns. */
const THANKS_MS = 5000;

type Screen = { kind: 'idle' } | { kind: 'rate'; event: EvaluateEvent; sending: boolean; failed: boolean } | { kind: 'thanks'; note: DeviceMessageKey | null };

/**
 * The window rating device (评价器) at /device: pairing, then idle ⇄ rating ⇄ thank-you, driven by
 * the server's event stream. No Ant Design: it runs on cheap tablets.
 */
export function Component() {
  const { t } = useDeviceText();
  useDocumentTitle(t('device.title'), useI18n().t('app.shortName'));
  const [token, setToken] = useState(readDeviceToken);
  const [notice, setNotice] = useState<string | null>(null);
  const [idle, setIdle] = useState<IdleState | null>(null);
  const [screen, setScreen] = useState<Screen>({ kind: 'idle' });
  const [connected, setConnected] = useState(true);
  // While a rating is being sent, the server's `idle` (the request is done) must not hide the form.
  const sending = useRef(false);

  // Elder-friendly by default on the device, unless someone chose otherwise on this tablet; set
  // before the first paint, so the page never shows in small type first.
  useLayoutEffect(() => {
    if (!hasElderModeChoice()) document.documentElement.classList.add(ELDER_CLASS);
    return applyStoredElderMode;
  }, []);

  useEffect(() => {
    if (!token) return;
    return connectDeviceEvents(token, {
      onIdle: (state) => {
        setIdle(state);
        if (!sending.current) setScreen((cur) => (cur.kind === 'thanks' ? cur : { kind: 'idle' }));
      },
      onEvaluate: (event) => setScreen({ kind: 'rate', event, sending: false, failed: false }),
      onUnpaired: () => {
        forgetDeviceToken();
        setToken(null);
        setNotice(t('device.unpaired'));
      },
      onConnection: setConnected,
    });
    // t changes with the language; the stream must not reconnect for that.
  }, [token]);

  useEffect(() => {
    if (screen.kind !== 'thanks') return;
    const timer = setTimeout(() => setScreen((cur) => (cur.kind === 'thanks' ? { kind: 'idle' } : cur)), THANKS_MS);
    return () => clearTimeout(timer);
  }, [screen]);

  const submit = useCallback(
    async (event: EvaluateEvent, s: DeviceSubmission) => {
      if (!token) return;
      sending.current = true;
      setScreen({ kind: 'rate', event, sending: true, failed: false });
      try {
        await submitDeviceEvaluation(token, event.requestId, s);
        setScreen({ kind: 'thanks', note: null });
      } catch (e) {
        if (e instanceof ApiError && e.code === 'TOKEN_INVALID') setScreen({ kind: 'thanks', note: 'device.rate.gone' });
        else if (e instanceof ApiError && (e.code === 'ALREADY_EVALUATED' || e.code === 'CONFLICT')) setScreen({ kind: 'thanks', note: 'device.rate.already' });
        else setScreen((cur) => (cur.kind === 'rate' && cur.event.requestId === event.requestId ? { ...cur, sending: false, failed: true } : cur));
      } finally {
        sending.current = false;
      }
    },
    [token],
  );

  if (!token) {
    return (
      <div className="device">
        <PairingScreen
          notice={notice}
          onPaired={(r) => {
            saveDeviceToken(r.deviceToken);
            setNotice(null);
            setConnected(true);
            setToken(r.deviceToken);
          }}
        />
      </div>
    );
  }
  return (
    <div className="device">
      {!connected && (
        <p className="device-status" role="status">
          {t('device.offline')}
        </p>
      )}
      {screen.kind === 'rate' ? (
        <RatingScreen key={screen.event.requestId} event={screen.event} sending={screen.sending} failed={screen.failed} onSubmit={(s) => void submit(screen.event, s)} />
      ) : screen.kind === 'thanks' ? (
        <ThanksScreen note={screen.note} />
      ) : (
        <IdleScreen state={idle} />
      )}
    </div>
  );
}
