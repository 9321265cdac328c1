import { Button } from 'antd';
import { useRef } from 'react';

/**
 * A button that opens the file chooser and hands over the file picked. One tab stop: the native input
 * behind it is hidden from the keyboard and from screen readers, the button is what they reach.
 */
export function FileButton({ id, label, busy, onFile }: { id?: string; label: string; busy: boolean; onFile: (file: File) => void }) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <Button id={id} disabled={busy} aria-busy={busy} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        tabIndex={-1}
        aria-hidden="true"
        style={{ display: 'none' }}
        onChange={(e) => {
          const file = e.target.files?.[0];
          // Cleared, so that the same file chosen again is still a change.
          e.target.value = '';
          if (file) onFile(file);
        }}
      />
    </>
  );
}
