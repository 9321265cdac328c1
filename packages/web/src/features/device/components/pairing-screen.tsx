import { useState, type FormEvent } from 'react';
import { ElderModeToggle } from '@/components/elder-mode-toggle.tsx';
import { LanguageSwitch } from '@/components/language-switch.tsx';
import { ApiError } from '@/lib/api-client.ts';
import { errorMessage } from '@/lib/error-message.ts';
import { useI18n } from '@/i18n/i18n-context.ts';
import { pairDevice, type PairResult } from '../api/pair-device.ts';
import { useDeviceText } from '../use-device-text.ts';

/** The first screen of a new tablet: the administrator types the one-time pairing code. */
export function PairingScreen({ notice, onPaired }: { notice: string | null; onPaired: (r: PairResult) => void }) {
  const { t } = useDeviceText();
  const core = useI18n().t;
  const [code, setCode] = useState('');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const digits = code.replace(/[\s-]/g, '');
    if (!/^[0-9]{6}$/.test(digits)) return setError(t('device.pair.format'));
    setPending(true);
    setError(null);
    try {
      onPaired(await pairDevice(digits));
    } catch (err) {
      setError(err instanceof ApiError && err.code === 'TOKEN_INVALID' ? t('device.pair.invalid') : err instanceof ApiError && err.code === 'VALIDATION_FAILED' ? t('device.pair.format') : errorMessage(err, core));
    } finally {
      setPending(false);
    }
  };

  return (
    <main className="device-screen device-pair" id="main">
      <div className="device-prefs">
        <LanguageSwitch />
        <ElderModeToggle />
      </div>
      <h1>{t('device.pair.title')}</h1>
      {notice && <p className="device-notice" role="status">{notice}</p>}
      <p className="device-hint">{t('device.pair.hint')}</p>
      <form onSubmit={submit} className="device-pair-form" noValidate>
        <label htmlFor="pairing-code">{t('device.pair.code')}</label>
        <input
          id="pairing-code"
          className="device-code-input"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={9}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          aria-invalid={!!error}
          aria-describedby={error ? 'pairing-error' : undefined}
        />
        {error && <p id="pairing-error" className="device-error" role="alert">{error}</p>}
        <button type="submit" className="device-primary" disabled={pending}>
          {pending ? t('device.pair.pending') : t('device.pair.submit')}
        </button>
      </form>
    </main>
  );
}
