import type { DeviceMessageKey } from '@/i18n/device-messages.ts';
import { useDeviceText } from '../use-device-text.ts';

/** After a rating (or a request that ended meanwhile); the page returns to idle by itself. */
export function ThanksScreen({ note }: { note: DeviceMessageKey | null }) {
  const { t } = useDeviceText();
  return (
    <main className="device-screen device-thanks" id="main" aria-live="polite">
      <p className="device-thanks-mark" aria-hidden="true">✓</p>
      <h1>{note ? t(note) : t('device.thanks.title')}</h1>
      {!note && <p className="device-hint">{t('device.thanks.body')}</p>}
    </main>
  );
}
