import { h } from './dom.js';
import { GAP_STROKE, OUTAGE_EDGE, OUTAGE_FILL, STATES } from './palette.js';

/** The chart's key: each state's colour and bar height, a gap's hatching, an outage's shading. */
export function legend(): HTMLElement {
  const swatch = (style: string) => h('span', { class: 'swatch', style, 'aria-hidden': 'true' });
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    ...Object.values(STATES).map((s) =>
      h('li', {}, swatch(`background:${s.color};height:${Math.round(12 * s.height)}px`), s.label),
    ),
    h(
      'li',
      {},
      swatch(
        `background:repeating-linear-gradient(135deg,${GAP_STROKE} 0 1px,#fff 1px 5px);border:1px dashed ${GAP_STROKE}`,
      ),
      'not recorded (gap)',
    ),
    h('li', {}, swatch(`background:${OUTAGE_FILL};border:1px solid ${OUTAGE_EDGE}`), 'outage: 0 ready'),
  );
}
