import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

/**
 * PDF documents with Chinese text: pdfkit with Noto Sans Hans (思源黑体 under Google's name, SIL OFL)
 * from the npm package @embedpdf/fonts-sc, embedded as a subset of the glyphs used, so every reader
 * shows the same characters — no reliance on fonts installed where the file is opened, no tofu boxes.
 * Tables and horizontal bar charts are drawn here with plain vector operations.
 */
const require = createRequire(import.meta.url);
const fontDir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
export const PDF_FONT_REGULAR = path.join(fontDir, 'NotoSansHans-Regular.otf');
export const PDF_FONT_BOLD = path.join(fontDir, 'NotoSansHans-Bold.otf');
/** The PostScript name a reader finds in the file (after the subset tag, e.g. ABCDEF+NotoSansHans-Regular). */
export const PDF_FONT_NAME = 'NotoSansHans-Regular';

/** 〓 (geta mark): what Chinese typesetting prints for a character the font lacks, instead of an empty box. */
const MISSING = '〓';

const MARGIN = 50;
const COLORS = { text: '#1f2937', muted: '#6b7280', rule: '#d1d5db', head: '#eef2f7', bar: '#2f6fd6', barAlt: '#d9534f' };

export interface PdfColumn {
  header: string;
  /** Share of the text width, e.g. 0.3. */
  width: number;
  align?: 'left' | 'right' | 'center';
}

export interface BarChartSpec {
  title: string;
  bars: { label: string; value: number; highlight?: boolean }[];
  /** The value of a full-length bar; the largest value when not given. */
  max?: number;
  format?: (v: number) => string;
}

/** A document being written top to bottom; `finish()` returns its bytes. */
export class PdfWriter {
  private readonly doc: PDFKit.PDFDocument;
  private readonly chunks: Buffer[] = [];
  private readonly ended: Promise<void>;
  private readonly font: { hasGlyphForCodePoint(cp: number): boolean };

  constructor(meta: { title: string; subject?: string; createdAt?: Date }) {
    this.doc = new PDFDocument({ size: 'A4', margin: MARGIN, bufferPages: true, info: { Title: meta.title, Subject: meta.subject ?? '', Producer: 'Haochaping', Creator: 'Haochaping', CreationDate: meta.createdAt ?? new Date() } });
    this.doc.on('data', (c: Buffer) => this.chunks.push(c));
    this.ended = new Promise((resolve, reject) => {
      this.doc.on('end', resolve);
      this.doc.on('error', reject);
    });
    this.doc.registerFont('regular', PDF_FONT_REGULAR);
    this.doc.registerFont('bold', PDF_FONT_BOLD);
    this.doc.font('regular').fillColor(COLORS.text);
    // pdfkit keeps the fontkit font of the current face; its cmap tells which characters it can draw.
    this.font = (this.doc as unknown as { _font: { font: { hasGlyphForCodePoint(cp: number): boolean } } })._font.font;
  }

  /** The text with every character the font lacks replaced by 〓. */
  safe(text: string): string {
    let out = '';
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      out += cp < 0x20 || this.font.hasGlyphForCodePoint(cp) ? ch : MISSING;
    }
    return out;
  }

  private get width(): number {
    return this.doc.page.width - 2 * MARGIN;
  }

  private get bottom(): number {
    return this.doc.page.height - MARGIN;
  }

  private ensureSpace(height: number): void {
    if (this.doc.y + height > this.bottom) this.doc.addPage();
  }

  title(text: string, subtitle?: string): this {
    this.doc.font('bold').fontSize(17).fillColor(COLORS.text).text(this.safe(text), MARGIN, this.doc.y, { width: this.width, align: 'center' });
    if (subtitle) this.doc.moveDown(0.3).font('regular').fontSize(10).fillColor(COLORS.muted).text(this.safe(subtitle), { width: this.width, align: 'center' });
    this.doc.moveDown(1).fillColor(COLORS.text).font('regular');
    return this;
  }

  heading(text: string): this {
    this.ensureSpace(40);
    this.doc.moveDown(0.6).font('bold').fontSize(12.5).fillColor(COLORS.text).text(this.safe(text), MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3).font('regular');
    return this;
  }

  paragraph(text: string, opts: { muted?: boolean; size?: number } = {}): this {
    this.doc.font('regular').fontSize(opts.size ?? 10).fillColor(opts.muted ? COLORS.muted : COLORS.text);
    this.ensureSpace(this.doc.heightOfString(this.safe(text), { width: this.width }));
    this.doc.text(this.safe(text), MARGIN, this.doc.y, { width: this.width, lineGap: 2 });
    this.doc.fillColor(COLORS.text).moveDown(0.4);
    return this;
  }

  /** Key figures as a row of boxes: label above, value below. */
  keyFigures(items: { label: string; value: string }[]): this {
    const gap = 8;
    const boxW = (this.width - gap * (items.length - 1)) / items.length;
    const boxH = 46;
    this.ensureSpace(boxH + 10);
    const y = this.doc.y;
    items.forEach((it, i) => {
      const x = MARGIN + i * (boxW + gap);
      this.doc.roundedRect(x, y, boxW, boxH, 4).fillAndStroke(COLORS.head, COLORS.rule);
      this.doc.fillColor(COLORS.muted).font('regular').fontSize(8.5).text(this.safe(it.label), x + 4, y + 6, { width: boxW - 8, align: 'center', lineBreak: false, ellipsis: true });
      this.doc.fillColor(COLORS.text).font('bold').fontSize(14).text(this.safe(it.value), x + 4, y + 21, { width: boxW - 8, align: 'center', lineBreak: false, ellipsis: true });
    });
    this.doc.font('regular').fillColor(COLORS.text);
    this.doc.x = MARGIN;
    this.doc.y = y + boxH + 10;
    return this;
  }

  /** A table that continues on the next page with its header repeated; cells are cut with … when too long. */
  table(columns: PdfColumn[], rows: string[][], opts: { fontSize?: number } = {}): this {
    const size = opts.fontSize ?? 9;
    const rowH = size + 9;
    const widths = columns.map((c) => c.width * this.width);
    const drawRow = (cells: string[], head: boolean) => {
      const y = this.doc.y;
      if (head) this.doc.rect(MARGIN, y, this.width, rowH).fill(COLORS.head);
      let x = MARGIN;
      this.doc.font(head ? 'bold' : 'regular').fontSize(size).fillColor(COLORS.text);
      cells.forEach((cell, i) => {
        this.doc.text(this.safe(cell), x + 3, y + 4.5, { width: widths[i]! - 6, height: rowH, align: columns[i]!.align ?? 'left', lineBreak: false, ellipsis: true });
        x += widths[i]!;
      });
      this.doc.moveTo(MARGIN, y + rowH).lineTo(MARGIN + this.width, y + rowH).lineWidth(0.5).strokeColor(COLORS.rule).stroke();
      this.doc.x = MARGIN;
      this.doc.y = y + rowH;
    };
    this.ensureSpace(rowH * 2);
    drawRow(columns.map((c) => c.header), true);
    for (const r of rows) {
      if (this.doc.y + rowH > this.bottom) {
        this.doc.addPage();
        drawRow(columns.map((c) => c.header), true);
      }
      drawRow(r, false);
    }
    this.doc.font('regular').moveDown(0.6);
    return this;
  }

  /** A horizontal bar chart: a label, a bar in proportion to the value, the value at its end. */
  barChart(spec: BarChartSpec): this {
    const format = spec.format ?? ((v: number) => String(v));
    const barH = 13;
    const gap = 5;
    const labelW = this.width * 0.3;
    const valueW = 50;
    const trackW = this.width - labelW - valueW - 8;
    const max = spec.max ?? Math.max(1e-9, ...spec.bars.map((b) => b.value));
    this.ensureSpace(24 + Math.min(spec.bars.length, 4) * (barH + gap));
    this.doc.font('bold').fontSize(10).fillColor(COLORS.text).text(this.safe(spec.title), MARGIN, this.doc.y, { width: this.width });
    this.doc.moveDown(0.3);
    const axisX = MARGIN + labelW + 4;
    for (const b of spec.bars) {
      if (this.doc.y + barH + gap > this.bottom) this.doc.addPage();
      const y = this.doc.y;
      this.doc.font('regular').fontSize(8.5).fillColor(COLORS.text).text(this.safe(b.label), MARGIN, y + 2, { width: labelW, align: 'right', lineBreak: false, ellipsis: true });
      const w = Math.max(0, Math.min(1, b.value / max)) * trackW;
      this.doc.rect(axisX, y, trackW, barH).fill('#f3f4f6');
      this.doc.moveTo(axisX, y - gap / 2).lineTo(axisX, y + barH + gap / 2).lineWidth(0.8).strokeColor(COLORS.muted).stroke();
      if (w > 0) this.doc.rect(axisX, y, w, barH).fill(b.highlight ? COLORS.barAlt : COLORS.bar);
      this.doc.fillColor(COLORS.text).fontSize(8.5).text(this.safe(format(b.value)), axisX + trackW + 4, y + 2, { width: valueW, lineBreak: false });
      this.doc.x = MARGIN;
      this.doc.y = y + barH + gap;
    }
    this.doc.moveDown(0.8);
    return this;
  }

  /** Page numbers in the footer of every page, then the bytes of the file. */
  async finish(footer: string): Promise<Buffer> {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const y = this.doc.page.height - MARGIN + 16;
      // Writing below the bottom margin would start a new page; lift the margin for the footer.
      const margin = this.doc.page.margins.bottom;
      this.doc.page.margins.bottom = 0;
      this.doc.font('regular').fontSize(8).fillColor(COLORS.muted).text(this.safe(`${footer}    第 ${i + 1 - range.start} 页，共 ${range.count} 页`), MARGIN, y, { width: this.width, align: 'center', lineBreak: false });
      this.doc.page.margins.bottom = margin;
    }
    this.doc.end();
    await this.ended;
    return Buffer.concat(this.chunks);
  }
}
