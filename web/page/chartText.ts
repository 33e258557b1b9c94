import { fill, h } from './dom.js';
import { label, span } from './format.js';
import type { ViewData } from './loadView.js';
import { STATES } from './palette.js';

/**
 * The chart as text, inside a disclosure: outages, gaps, and every endpoint with its intervals. Built
 * when opened (a service can have thousands of endpoints); rebuilt on each new view while open.
 */
export function chartText(): { element: HTMLDetailsElement; update(data: ViewData | null): void } {
  const body = h('div', {});
  const element = h('details', { class: 'chart-text' }, h('summary', {}, 'The timeline as text'), body);
  let current: ViewData | null = null;
  const render = () => {
    if (!element.open || !current) return;
    const d = current;
    const stateLabel = (s: string) => (STATES as Record<string, { label: string }>)[s]?.label ?? s;
    fill(
      body,
      h('h3', {}, 'Outages (zero ready endpoints)'),
      list(
        'Outages',
        d.outages.map(
          (o) =>
            `${label(o.from)} – ${label(o.to)} (${span(o.to - o.from)})${o.ongoing ? ', ongoing' : ''}${o.complete ? '' : ', partly not recorded'}`,
        ),
        'none',
      ),
      h('h3', {}, 'Not recorded'),
      list(
        'Gaps',
        d.gaps.map((g) => `${label(g.from)} – ${label(g.to)}: ${g.reason}`),
        'none: recorded throughout',
      ),
      h('h3', {}, `Endpoints (${d.rows.length})`),
      list(
        'Endpoints',
        d.rows.map(
          (r) =>
            `${r.pod} ${r.ip}: ${r.segments.map((s) => `${stateLabel(s.state)} ${label(s.from)} – ${label(s.to)}`).join('; ')}`,
        ),
        'none in this range',
      ),
    );
  };
  element.addEventListener('toggle', render);
  return {
    element,
    update(data) {
      current = data;
      render();
    },
  };
}

function list(name: string, items: string[], empty: string): HTMLElement {
  if (items.length === 0) return h('p', {}, empty);
  return h('ul', { 'aria-label': name }, ...items.map((i) => h('li', {}, i)));
}
