import qrcode from 'qrcode-generator';
import { useMemo } from 'react';

/** Quiet zone around the code, in modules: 4 is what the QR standard asks for. */
const QUIET = 4;

/**
 * The path of a QR code's dark modules, one rectangle per horizontal run, in module units with the
 * quiet zone included. Error correction M survives a little dirt or a crease on a printed poster.
 */
export function qrPath(value: string): { size: number; modules: number; d: string } {
  const qr = qrcode(0, 'M');
  qr.addData(value);
  qr.make();
  const n = qr.getModuleCount();
  let d = '';
  for (let row = 0; row < n; row++) {
    for (let col = 0; col < n; ) {
      if (!qr.isDark(row, col)) {
        col++;
        continue;
      }
      let run = 1;
      while (col + run < n && qr.isDark(row, col + run)) run++;
      d += `M${col + QUIET} ${row + QUIET}h${run}v1h-${run}z`;
      col += run;
    }
  }
  return { size: n + 2 * QUIET, modules: n, d };
}

/** A QR code drawn as SVG in the browser, sharp at any print size; no image is fetched. */
export function QrCode({ value, label, size }: { value: string; label: string; size: string }) {
  const qr = useMemo(() => qrPath(value), [value]);
  return (
    <svg
      role="img"
      aria-label={label}
      data-modules={qr.modules}
      viewBox={`0 0 ${qr.size} ${qr.size}`}
      width={size}
      height={size}
      shapeRendering="crispEdges"
      xmlns="http://www.w3.org/2000/svg"
    >
      <rect width={qr.size} height={qr.size} fill="#fff" />
      <path d={qr.d} fill="#000" />
    </svg>
  );
}
