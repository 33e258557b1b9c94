import { h } from './dom.js';
import { label } from './format.js';
import type { EndpointRow, ViewData } from './loadView.js';
import {
  AXIS,
  CURSOR,
  GAP_STROKE,
  GRID,
  type MemberState,
  OUTAGE_EDGE,
  OUTAGE_FILL,
  SELECTION,
  STATES,
  TEXT,
  UNKNOWN_STATE,
} from './palette.js';
import { tickLabel, ticks } from './timeAxis.js';

export interface ChartHandlers {
  /** A click (or Enter) at a moment. */
  select(t: number): void;
  /** A drag, the wheel, a key or a button asked for another range. */
  zoom(from: number, to: number): void;
  /** The cursor moved (null: it left the chart). */
  cursor(t: number | null): void;
}

const LABEL_W = 250;
const ROW_H = 18;
const TOP_H = 92;
const READY_TOP = 18;
const READY_H = 50;
const AXIS_Y = 78;
const FONT = '12px system-ui, sans-serif';

/**
 * The membership timeline on two canvases: a top strip (time axis, the ready count as a step line,
 * outage and gap labels) and the endpoint rows below it, one per endpoint, virtualised so that only
 * the rows in view are drawn (a service with thousands of endpoints draws as fast as one with ten).
 * Gaps are hatched and outages shaded across both. Pointer: click selects a moment, drag zooms into
 * a range, the wheel over the strip (or with Ctrl anywhere) zooms around the pointer. Keyboard (the
 * chart is focusable): ←/→ move the cursor (Shift: 10×), Enter selects it, + and − zoom, PageUp and
 * PageDown pan.
 */
export class Chart {
  readonly element: HTMLElement;
  private readonly top: HTMLCanvasElement;
  private readonly rowsCanvas: HTMLCanvasElement;
  private readonly scroller: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private data: ViewData | null = null;
  private cursorT: number | null = null;
  private selectedT: number | null = null;
  private drag: { from: number; to: number } | null = null;
  private hatch: CanvasPattern | null = null;
  private frame = 0;

  constructor(private readonly handlers: ChartHandlers) {
    this.top = h('canvas', { class: 'chart-top', 'aria-hidden': 'true' });
    this.rowsCanvas = h('canvas', { class: 'chart-rows', 'aria-hidden': 'true' });
    this.spacer = h('div', { class: 'chart-spacer' });
    this.scroller = h('div', { class: 'chart-scroller' }, this.rowsCanvas, this.spacer);
    this.element = h(
      'div',
      {
        class: 'chart',
        tabindex: 0,
        role: 'group',
        'aria-label': 'Membership timeline',
        'aria-describedby': 'chart-help',
      },
      this.top,
      this.scroller,
    );
    this.scroller.addEventListener('scroll', () => this.schedule());
    for (const canvas of [this.top, this.rowsCanvas]) this.listen(canvas);
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    new ResizeObserver(() => this.schedule()).observe(this.element);
  }

  setData(data: ViewData | null): void {
    this.data = data;
    if (data && (this.cursorT === null || this.cursorT < data.from || this.cursorT > data.to)) {
      this.cursorT = null;
    }
    this.draw();
  }

  setSelected(t: number | null): void {
    this.selectedT = t;
    this.schedule();
  }

  /** Plot geometry, also published on the element for tests and tools: x = left + (t − from)·width/span. */
  private geometry(): { left: number; width: number; from: number; to: number } | null {
    if (!this.data) return null;
    const width = Math.max(this.element.clientWidth - LABEL_W - 12, 50);
    return { left: LABEL_W, width, from: this.data.from, to: this.data.to };
  }

  private x(t: number): number {
    const g = this.geometry()!;
    return g.left + ((t - g.from) / Math.max(g.to - g.from, 1)) * g.width;
  }

  private timeAt(clientX: number, canvas: HTMLCanvasElement): number | null {
    const g = this.geometry();
    if (!g) return null;
    const px = clientX - canvas.getBoundingClientRect().left;
    const clamped = Math.min(Math.max(px, g.left), g.left + g.width);
    return Math.round(g.from + ((clamped - g.left) / g.width) * (g.to - g.from));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.draw();
    });
  }

  /** Draws both canvases now (the first draw of a view is synchronous, so it can be timed). */
  draw(): void {
    const g = this.geometry();
    const data = this.data;
    const rows = data?.rows.length ?? 0;
    const viewH = Math.min(Math.max(rows, 1) * ROW_H, Math.max(window.innerHeight * 0.6, 180));
    this.scroller.style.height = `${viewH}px`;
    this.spacer.style.height = `${Math.max(rows * ROW_H - viewH, 0)}px`;
    const width = this.element.clientWidth;
    const ctxTop = sized(this.top, width, TOP_H);
    const ctxRows = sized(this.rowsCanvas, width, viewH);
    if (!g || !data || !ctxTop || !ctxRows) return;
    Object.assign(this.element.dataset, {
      plotLeft: String(g.left),
      plotWidth: String(g.width),
      from: String(g.from),
      to: String(g.to),
      rowHeight: String(ROW_H),
      topHeight: String(TOP_H),
    });
    this.hatch ??= hatchPattern(ctxRows);
    this.drawTop(ctxTop, data, g);
    this.drawRows(ctxRows, data, g, viewH);
  }

  private drawTop(
    ctx: CanvasRenderingContext2D,
    data: ViewData,
    g: { left: number; width: number; from: number; to: number },
  ): void {
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const right = g.left + g.width;
    for (const o of data.outages) this.band(ctx, o.from, o.to, 0, AXIS_Y, OUTAGE_FILL);
    for (const gap of data.gaps) this.hatched(ctx, gap.from, gap.to, 0, AXIS_Y);
    // ready count, a step line
    const max = Math.max(1, ...data.ready.map((s) => s.ready));
    const y = (v: number) => READY_TOP + READY_H - (v / max) * READY_H;
    ctx.strokeStyle = GRID;
    ctx.beginPath();
    ctx.moveTo(g.left, y(0) + 0.5);
    ctx.lineTo(right, y(0) + 0.5);
    ctx.stroke();
    ctx.strokeStyle = STATES.ready.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    let prev = data.ready[0]?.ready ?? 0;
    ctx.moveTo(g.left, y(prev));
    for (const s of data.ready) {
      const sx = this.x(Math.max(s.t, g.from));
      ctx.lineTo(sx, y(prev));
      ctx.lineTo(sx, y(s.ready));
      prev = s.ready;
    }
    ctx.lineTo(right, y(prev));
    ctx.stroke();
    ctx.lineWidth = 1;
    ctx.fillStyle = TEXT;
    ctx.fillText(`ready endpoints (max ${max})`, 8, READY_TOP + READY_H / 2);
    ctx.fillStyle = AXIS;
    ctx.fillText(String(max), g.left - 18, y(max));
    ctx.fillText('0', g.left - 18, y(0));
    // outage and gap labels
    ctx.textBaseline = 'top';
    for (const o of data.outages)
      this.labelIn(ctx, o.from, o.to, 2, o.complete ? 'outage: 0 ready' : 'outage?', OUTAGE_EDGE);
    for (const gap of data.gaps)
      this.labelIn(ctx, gap.from, gap.to, READY_TOP + READY_H - 12, `not recorded (${gap.reason})`, TEXT);
    // axis
    ctx.strokeStyle = AXIS;
    ctx.beginPath();
    ctx.moveTo(g.left, AXIS_Y + 0.5);
    ctx.lineTo(right, AXIS_Y + 0.5);
    ctx.stroke();
    const ts = ticks(g.from, g.to, g.width);
    const step = ts.length > 1 ? ts[1]! - ts[0]! : g.to - g.from;
    ctx.fillStyle = AXIS;
    ctx.textAlign = 'center';
    for (const t of ts) {
      const tx = Math.round(this.x(t)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(tx, AXIS_Y);
      ctx.lineTo(tx, AXIS_Y + 4);
      ctx.stroke();
      ctx.fillText(tickLabel(t, step), tx, AXIS_Y + 5);
    }
    ctx.textAlign = 'left';
    ctx.fillText('UTC', 8, AXIS_Y + 5);
    this.marks(ctx, 0, TOP_H);
  }

  private drawRows(
    ctx: CanvasRenderingContext2D,
    data: ViewData,
    g: { left: number; width: number; from: number; to: number },
    viewH: number,
  ): void {
    ctx.font = FONT;
    ctx.textBaseline = 'middle';
    const scroll = this.scroller.scrollTop;
    const first = Math.floor(scroll / ROW_H);
    const last = Math.min(data.rows.length, Math.ceil((scroll + viewH) / ROW_H));
    for (let i = first; i < last; i++) {
      const row = data.rows[i]!;
      const top = i * ROW_H - scroll;
      if (i % 2 === 1) {
        ctx.fillStyle = '#f6f6f6';
        ctx.fillRect(0, top, g.left + g.width, ROW_H);
      }
      drawRowLabel(ctx, row, top);
      for (const s of row.segments) {
        if (s.to < g.from || s.from > g.to) continue;
        const look = STATES[s.state as MemberState] ?? UNKNOWN_STATE;
        const x0 = this.x(Math.max(s.from, g.from));
        const x1 = this.x(Math.min(s.to, g.to));
        const bh = Math.max(3, Math.round((ROW_H - 4) * look.height));
        ctx.fillStyle = look.color;
        ctx.fillRect(x0, top + (ROW_H - bh) / 2, Math.max(x1 - x0, 1), bh);
      }
    }
    for (const o of data.outages) this.band(ctx, o.from, o.to, 0, viewH, OUTAGE_FILL);
    for (const gap of data.gaps) this.hatched(ctx, gap.from, gap.to, 0, viewH);
    if (data.rows.length === 0) {
      ctx.fillStyle = TEXT;
      ctx.fillText('no endpoints in this range', g.left + 8, ROW_H / 2);
    }
    this.marks(ctx, 0, viewH);
  }

  /** The selected moment (solid), the cursor (dashed) and a drag in progress. */
  private marks(ctx: CanvasRenderingContext2D, y0: number, y1: number): void {
    if (this.drag) {
      const a = this.x(Math.min(this.drag.from, this.drag.to));
      const b = this.x(Math.max(this.drag.from, this.drag.to));
      ctx.fillStyle = SELECTION;
      ctx.fillRect(a, y0, b - a, y1 - y0);
    }
    ctx.strokeStyle = CURSOR;
    if (this.selectedT !== null && this.inRange(this.selectedT)) {
      ctx.lineWidth = 2;
      line(ctx, this.x(this.selectedT), y0, y1);
      ctx.lineWidth = 1;
    }
    if (this.cursorT !== null && this.inRange(this.cursorT)) {
      ctx.setLineDash([4, 3]);
      line(ctx, this.x(this.cursorT), y0, y1);
      ctx.setLineDash([]);
    }
  }

  private inRange(t: number): boolean {
    return this.data !== null && t >= this.data.from && t <= this.data.to;
  }

  private band(
    ctx: CanvasRenderingContext2D,
    from: number,
    to: number,
    y0: number,
    y1: number,
    fill: string,
  ): void {
    const a = this.x(Math.max(from, this.data!.from));
    const b = this.x(Math.min(to, this.data!.to));
    ctx.fillStyle = fill;
    ctx.fillRect(a, y0, Math.max(b - a, 2), y1 - y0);
    ctx.strokeStyle = OUTAGE_EDGE;
    line(ctx, a, y0, y1);
    line(ctx, a + Math.max(b - a, 2), y0, y1);
  }

  private hatched(ctx: CanvasRenderingContext2D, from: number, to: number, y0: number, y1: number): void {
    const a = this.x(Math.max(from, this.data!.from));
    const b = this.x(Math.min(to, this.data!.to));
    ctx.fillStyle = 'rgba(255,255,255,0.55)';
    ctx.fillRect(a, y0, Math.max(b - a, 2), y1 - y0);
    if (this.hatch) {
      ctx.fillStyle = this.hatch;
      ctx.fillRect(a, y0, Math.max(b - a, 2), y1 - y0);
    }
    ctx.strokeStyle = GAP_STROKE;
    ctx.setLineDash([2, 2]);
    line(ctx, a, y0, y1);
    line(ctx, a + Math.max(b - a, 2), y0, y1);
    ctx.setLineDash([]);
  }

  /** A label inside [from, to] if it fits, else just after it, shortened if need be. */
  private labelIn(
    ctx: CanvasRenderingContext2D,
    from: number,
    to: number,
    y: number,
    text: string,
    color: string,
  ): void {
    const start = this.x(Math.max(from, this.data!.from));
    const end = this.x(Math.min(to, this.data!.to));
    const right = this.geometry()!.left + this.geometry()!.width;
    const inside = ctx.measureText(text).width <= end - start - 6;
    const a = inside ? start + 3 : end + 4;
    const room = inside ? end - start - 6 : right - a;
    let shown = inside ? text : `◂ ${text}`;
    while (shown.length > 3 && ctx.measureText(shown).width > room) shown = `${shown.slice(0, -2)}…`;
    if (ctx.measureText(shown).width > room) return;
    const w = ctx.measureText(shown).width;
    ctx.fillStyle = 'rgba(255,255,255,0.85)';
    ctx.fillRect(a - 1, y - 1, w + 2, 14);
    ctx.fillStyle = color;
    ctx.fillText(shown, a, y);
  }

  private listen(canvas: HTMLCanvasElement): void {
    canvas.addEventListener('pointerdown', (e) => {
      const t = this.timeAt(e.clientX, canvas);
      if (t === null || e.button !== 0) return;
      canvas.setPointerCapture(e.pointerId);
      this.drag = { from: t, to: t };
      const startX = e.clientX;
      const move = (m: PointerEvent) => {
        const now = this.timeAt(m.clientX, canvas);
        if (now !== null && this.drag) this.drag.to = now;
        this.schedule();
      };
      const up = (u: PointerEvent) => {
        canvas.removeEventListener('pointermove', move);
        canvas.removeEventListener('pointerup', up);
        const drag = this.drag;
        this.drag = null;
        this.schedule();
        if (!drag) return;
        if (Math.abs(u.clientX - startX) > 4) {
          this.handlers.zoom(Math.min(drag.from, drag.to), Math.max(drag.from, drag.to));
        } else {
          this.handlers.select(drag.from);
        }
      };
      canvas.addEventListener('pointermove', move);
      canvas.addEventListener('pointerup', up);
    });
    canvas.addEventListener('pointermove', (e) => {
      this.cursorT = this.timeAt(e.clientX, canvas);
      this.handlers.cursor(this.cursorT);
      this.schedule();
    });
    canvas.addEventListener('pointerleave', () => {
      this.cursorT = null;
      this.handlers.cursor(null);
      this.schedule();
    });
    canvas.addEventListener(
      'wheel',
      (e) => {
        if (canvas !== this.top && !e.ctrlKey) return;
        const t = this.timeAt(e.clientX, canvas);
        if (t === null) return;
        e.preventDefault();
        this.zoomAround(t, e.deltaY > 0 ? 1.25 : 0.8);
      },
      { passive: false },
    );
  }

  /** Zooms by `factor` (> 1 out, < 1 in) keeping `t` where it is. */
  zoomAround(t: number, factor: number): void {
    if (!this.data) return;
    const { from, to } = this.data;
    const nextFrom = t - (t - from) * factor;
    const nextTo = t + (to - t) * factor;
    if (nextTo - nextFrom < 1000) return;
    this.handlers.zoom(Math.round(nextFrom), Math.round(nextTo));
  }

  /** Moves the range by `fraction` of its length (negative: back in time). */
  pan(fraction: number): void {
    if (!this.data) return;
    const d = Math.round((this.data.to - this.data.from) * fraction);
    this.handlers.zoom(this.data.from + d, this.data.to + d);
  }

  private onKey(e: KeyboardEvent): void {
    if (!this.data) return;
    const { from, to } = this.data;
    const span = to - from;
    const cursor = this.cursorT ?? this.selectedT ?? Math.round((from + to) / 2);
    const move = (t: number) => {
      this.cursorT = Math.min(Math.max(Math.round(t), from), to);
      this.handlers.cursor(this.cursorT);
      this.schedule();
    };
    const keys: Record<string, () => void> = {
      ArrowLeft: () => move(cursor - span * (e.shiftKey ? 0.1 : 0.01)),
      ArrowRight: () => move(cursor + span * (e.shiftKey ? 0.1 : 0.01)),
      Home: () => move(from),
      End: () => move(to),
      Enter: () => this.handlers.select(cursor),
      ' ': () => this.handlers.select(cursor),
      '+': () => this.zoomAround(cursor, 0.5),
      '=': () => this.zoomAround(cursor, 0.5),
      '-': () => this.zoomAround(cursor, 2),
      PageUp: () => this.pan(-0.5),
      PageDown: () => this.pan(0.5),
    };
    const action = keys[e.key];
    if (!action) return;
    e.preventDefault();
    action();
  }

  /** A short description of what is under the cursor, for the live region and the hover note. */
  describe(t: number): string {
    const data = this.data;
    if (!data) return '';
    let ready = 0;
    for (const s of data.ready) if (s.t <= t) ready = s.ready;
    const parts = [`${label(t)}: ${ready} ready`];
    const gap = data.gaps.find((g) => g.from <= t && t < g.to);
    if (gap) parts.push(`not recorded (${gap.reason})`);
    if (data.outages.some((o) => o.from <= t && t < o.to)) parts.push('outage');
    return parts.join(', ');
  }
}

function drawRowLabel(ctx: CanvasRenderingContext2D, row: EndpointRow, top: number): void {
  ctx.fillStyle = TEXT;
  let text = `${row.pod}  ${row.ip}`;
  while (text.length > 4 && ctx.measureText(text).width > LABEL_W - 16) text = `${text.slice(0, -2)}…`;
  ctx.fillText(text, 8, top + ROW_H / 2);
}

function line(ctx: CanvasRenderingContext2D, x: number, y0: number, y1: number): void {
  const px = Math.round(x) + 0.5;
  ctx.beginPath();
  ctx.moveTo(px, y0);
  ctx.lineTo(px, y1);
  ctx.stroke();
}

/** Sizes a canvas for the device pixel ratio and returns its context, scaled and cleared. */
function sized(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.max(Math.round(width * ratio), 1);
  const hgt = Math.max(Math.round(height * ratio), 1);
  if (canvas.width !== w || canvas.height !== hgt) {
    canvas.width = w;
    canvas.height = hgt;
  }
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  return ctx;
}

function hatchPattern(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const t = tile.getContext('2d');
  if (!t) return null;
  t.strokeStyle = GAP_STROKE;
  t.lineWidth = 1.2;
  t.beginPath();
  t.moveTo(0, 8);
  t.lineTo(8, 0);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}
