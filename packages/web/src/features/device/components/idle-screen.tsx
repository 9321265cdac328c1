import { useState } from 'react';
import type { IdleState } from '../types.ts';
import { useDeviceText } from '../use-device-text.ts';

function StaffPhoto({ name, url }: { name: string; url: string | null }) {
  const [broken, setBroken] = useState(false);
  if (!url || broken) return <span className="device-photo device-photo-initial" aria-hidden="true">{Array.from(name)[0]}</span>;
  return <img className="device-photo" src={url} alt={name} onError={() => setBroken(true)} />;
}

/** Between ratings: the window, its hall and who is on duty there, readable from across the counter. */
export function IdleScreen({ state }: { state: IdleState | null }) {
  const { t } = useDeviceText();
  return (
    <main className="device-screen device-idle" id="main">
      {state && (
        <header className="device-window">
          {state.window.hall && <p className="device-hall">{state.window.hall}</p>}
          <h1>{state.window.name}</h1>
        </header>
      )}
      <section aria-label={t('device.idle.onDuty')} className="device-staff">
        {state && state.staff.length === 0 && <p className="device-hint">{t('device.idle.noStaff')}</p>}
        {state?.staff.map((s) => (
          <figure key={s.employeeNo} className="device-staff-card">
            <StaffPhoto key={s.photoUrl ?? ''} name={s.name} url={s.photoUrl} />
            <figcaption>
              <span className="device-staff-name">{s.name}</span>
              <span className="device-staff-no">{t('device.idle.employeeNo', { no: s.employeeNo })}</span>
              {s.title && <span className="device-staff-title">{s.title}</span>}
            </figcaption>
          </figure>
        ))}
      </section>
      <p className="device-welcome">{t('device.idle.welcome')}</p>
      <p className="device-hint">{t('device.idle.hint')}</p>
    </main>
  );
}
