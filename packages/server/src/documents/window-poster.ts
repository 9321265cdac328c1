import PDFDocument from 'pdfkit';
import qrcode from 'qrcode-generator';
import { PDF_FONT_BOLD, PDF_FONT_REGULAR } from './pdf.ts';

export interface WindowPosterInput {
  windowName: string;
  hallName: string | null;
  regionName: string | null;
  units: string[];
  /** The window's public link (/q/<key>), drawn as the QR code and printed below it. */
  url: string;
}

/** The QR code of a link as rows of dark (true) and light modules, error correction M like the web poster. */
export function qrModules(url: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(url);
  qr.make();
  const n = qr.getModuleCount();
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)));
}

/**
 * A window's QR poster (扫码评价) as an A4 PDF, to print and put up at the window: the window, its
 * hall and units, a QR code of the window's public link drawn as vectors (sharp at any size), and
 * the link in text. Chinese text in the embedded Noto Sans Hans subset, as the other PDF documents.
 */
export async function windowPosterPdf(input: WindowPosterInput, createdAt = new Date()): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `${input.windowName} 扫码评价`, Producer: 'Haochaping', Creator: 'Haochaping', CreationDate: createdAt } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.registerFont('regular', PDF_FONT_REGULAR);
  doc.registerFont('bold', PDF_FONT_BOLD);
  const width = doc.page.width - 100;
  const centre = { width, align: 'center' as const };

  doc.font('bold').fontSize(20).fillColor('#b91c1c').text('政务服务“好差评”', 50, 60, centre);
  doc.moveDown(0.6).font('bold').fontSize(30).fillColor('#111827').text(input.windowName, centre);
  const place = [input.regionName, input.hallName].filter(Boolean).join(' · ');
  if (place) doc.moveDown(0.3).font('regular').fontSize(14).fillColor('#4b5563').text(place, centre);
  if (input.units.length) doc.moveDown(0.2).font('regular').fontSize(12).fillColor('#4b5563').text(input.units.join('、'), centre);

  const modules = qrModules(input.url);
  const quiet = 4;
  const side = 300;
  const cell = side / (modules.length + 2 * quiet);
  const left = (doc.page.width - side) / 2;
  const top = doc.y + 24;
  doc.rect(left, top, side, side).fill('#ffffff');
  modules.forEach((row, r) => row.forEach((dark, c) => {
    if (dark) doc.rect(left + (c + quiet) * cell, top + (r + quiet) * cell, cell, cell);
  }));
  doc.fill('#000000');

  doc.font('bold').fontSize(24).fillColor('#111827').text('扫码评价', 50, top + side + 24, centre);
  doc.moveDown(0.4).font('regular').fontSize(13).fillColor('#374151').text('请用手机扫描二维码，对本窗口的服务进行评价', centre);
  doc.moveDown(0.4).font('regular').fontSize(11).fillColor('#6b7280').text(input.url, centre);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
