import './style.css';
import { ApiError, AuthRequired, getBlob, getJson, gql, serverNow } from './api.js';
import { forgetToken, storedToken, storeToken } from './auth.js';
import { authForm } from './authForm.js';
import { Chart } from './chart.js';
import { chartText } from './chartText.js';
import { fill, h } from './dom.js';
import { iso, label } from './format.js';
import { renderIpSearch } from './ipSearch.js';
import { legend } from './legend.js';
import { followChanges } from './live.js';
import { loadView, type ViewData } from './loadView.js';
import { renderMoment } from './momentPanel.js';
import { pickService } from './pickService.js';
import {
  isLive,
  QUICK_RANGES,
  readState,
  resolveRange,
  splitService,
  type ViewState,
  writeState,
} from './viewState.js';

const root = document.getElementById('app')!;
let state: ViewState = readState(location.search);
let services: string[] = [];
let clusters: string[] = [];
let viewKey = '';
let loadSeq = 0;
let stopLive: (() => void) | null = null;
let liveTimer: ReturnType<typeof setInterval> | null = null;
let currentData: ViewData | null = null;

const status = h('p', { id: 'status', role: 'status', 'aria-live': 'polite' });
const cursorNote = h('p', { id: 'cursor-note', class: 'cursor-note', 'aria-live': 'polite' });
const serviceInput = h('input', {
  id: 'service',
  type: 'search',
  list: 'service-options',
  autocomplete: 'off',
  spellcheck: 'false',
  placeholder: 'namespace/name',
});
const serviceOptions = h('datalist', { id: 'service-options' });
const clusterSelect = h('select', { id: 'cluster' });
const fromInput = h('input', { id: 'from', type: 'text', spellcheck: 'false', size: 26 });
const toInput = h('input', { id: 'to', type: 'text', spellcheck: 'false', size: 26 });
const liveBadge = h('span', { class: 'live', hidden: true }, 'live');
const momentPanel = h('section', { id: 'moment', 'aria-label': 'Selected moment' });
const ipInput = h('input', { id: 'ip', type: 'search', spellcheck: 'false', placeholder: '10.244.1.23' });
const ipResults = h('div', { id: 'ip-results' });
const text = chartText();
const chart = new Chart({
  select: (t) => go({ at: t }),
  zoom: (from, to) => {
    const now = serverNow();
    go({ from: iso(Math.min(from, now - 1000)), to: to >= now ? 'now' : iso(to) });
  },
  cursor: (t) => {
    cursorNote.textContent = t === null ? '' : chart.describe(t);
  },
});

/** Changes the view and records it in the URL (a new history entry, so Back returns to the last view). */
function go(change: Partial<ViewState>): void {
  state = { ...state, ...change };
  history.pushState(null, '', writeState(state));
  void apply();
}

window.addEventListener('popstate', () => {
  state = readState(location.search);
  void apply();
});

/** A view started before the page was laid out (a shared link names it whole): used once, if still wanted. */
let prefetched: { key: string; data: Promise<ViewData> } | null = null;

const keyOf = (s: ViewState): string => `${s.cluster}|${s.service}|${s.from}|${s.to}`;

function startLoad(s: ViewState): Promise<ViewData> {
  const target = splitService(s.service ?? '');
  if (!target)
    return Promise.reject(
      new ApiError(`bad service "${s.service}": use namespace/name`, 'EPH_ERR_BAD_ARGUMENT'),
    );
  const range = resolveRange(s, serverNow());
  return loadView(s.cluster, target.namespace, target.name, range.from, range.to);
}

async function boot(): Promise<void> {
  fill(root, h('p', { role: 'status' }, 'Loading…'));
  const given = new URLSearchParams(location.search);
  if (state.service && given.has('from') && given.has('to')) {
    try {
      const data = startLoad(state);
      data.catch(() => undefined); // reload() reports its failure, if it is still wanted
      prefetched = { key: keyOf(state), data };
    } catch {
      // a bad range: reload() says so
    }
  }
  try {
    const servicesOf = (cluster: string | null) =>
      getJson<{ __value: string }[]>('api/grafana/v1/services', { cluster }).then((o) =>
        o.map((x) => x.__value),
      );
    const [known, listed] = await Promise.allSettled([
      gql<{ clusters: string[] }>('{ clusters }'),
      servicesOf(state.cluster),
    ]);
    if (known.status === 'rejected') throw known.reason;
    clusters = known.value.clusters;
    if (clusters.length === 0) return empty();
    if (state.cluster === null && clusters.length > 1) {
      state = { ...state, cluster: clusters[0]! };
      services = await servicesOf(state.cluster);
    } else if (listed.status === 'rejected') {
      throw listed.reason;
    } else {
      services = listed.value;
    }
    if (services.length === 0) return empty();
    if (state.service === null) state = { ...state, service: await pickService(state.cluster, services) };
    if (!given.has('from') && !given.has('to')) state = { ...state, ...(await defaultRange(state.cluster)) };
    history.replaceState(null, '', writeState(state));
  } catch (error) {
    return failed(error);
  }
  layout();
  await apply();
}

/** The last hour, or from just before recording began if that was more recent (a new recorder). */
async function defaultRange(cluster: string | null): Promise<{ from: string; to: string }> {
  const { coverage } = await gql<{ coverage: { from: string | null; covered: boolean }[] }>(
    'query C($cluster: String) { coverage(cluster: $cluster, from: "-1h", to: "now") { from covered } }',
    { cluster },
  );
  const starts = coverage.filter((c) => c.covered && c.from !== null).map((c) => Date.parse(c.from!));
  const hourAgo = serverNow() - 3_600_000;
  const first = Math.min(...starts);
  const uncoveredStart = coverage.some((c) => c.covered && c.from === null);
  if (uncoveredStart || !Number.isFinite(first) || first <= hourAgo + 60_000)
    return { from: '-1h', to: 'now' };
  const margin = Math.max((serverNow() - first) * 0.03, 2000);
  return { from: iso(Math.round(first - margin)), to: 'now' };
}

function empty(): void {
  fill(
    root,
    header(),
    h(
      'section',
      { class: 'empty', role: 'status' },
      h('h2', {}, 'No services recorded yet'),
      h(
        'p',
        {},
        'The database holds no Service, Endpoints or EndpointSlice history. Is the recorder running (endpoints-history run or record) and can it list services? Its health is at ',
        h('a', { href: 'healthz' }, '/healthz'),
        '. This page reloads the list in 10 seconds.',
      ),
    ),
  );
  setTimeout(() => void boot(), 10_000);
}

function failed(error: unknown): void {
  if (error instanceof AuthRequired) {
    const wrong = storedToken() !== null;
    forgetToken();
    fill(
      root,
      header(),
      authForm(wrong, (token) => {
        storeToken(token);
        void boot();
      }),
    );
    return;
  }
  const message = error instanceof ApiError ? `${error.message} (${error.code})` : String(error);
  fill(
    root,
    header(),
    h(
      'section',
      { class: 'error', role: 'alert' },
      h('h2', {}, 'The server could not answer'),
      h('p', {}, message),
    ),
  );
}

function header(): HTMLElement {
  return h(
    'header',
    {},
    h('h1', {}, 'endpoints-history'),
    h(
      'nav',
      { 'aria-label': 'Other views' },
      h('a', { href: 'graphiql' }, 'GraphiQL'),
      h('a', { href: 'api' }, 'API index'),
      storedToken()
        ? h(
            'button',
            {
              type: 'button',
              class: 'link',
              onclick: () => {
                forgetToken();
                location.reload();
              },
            },
            'Forget token',
          )
        : null,
    ),
  );
}

function layout(): void {
  fill(serviceOptions, ...services.map((s) => h('option', { value: s })));
  fill(clusterSelect, ...clusters.map((c) => h('option', { value: c }, c)));
  const chooseService = () => {
    const value = serviceInput.value.trim();
    if (services.includes(value) && value !== state.service) go({ service: value, at: null });
  };
  serviceInput.addEventListener('change', chooseService);
  serviceInput.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') chooseService();
  });
  clusterSelect.addEventListener('change', () => {
    const url = new URL(location.href);
    url.search = writeState({ ...state, cluster: clusterSelect.value, service: null, at: null });
    location.assign(url);
  });
  const rangeForm = h(
    'form',
    { class: 'range', 'aria-label': 'Time range' },
    h(
      'span',
      { class: 'quick', role: 'group', 'aria-label': 'Quick ranges' },
      ...QUICK_RANGES.map((r) =>
        h('button', { type: 'button', onclick: () => go({ from: `-${r}`, to: 'now' }) }, `last ${r}`),
      ),
    ),
    h('label', { for: 'from' }, 'from'),
    fromInput,
    h('label', { for: 'to' }, 'to'),
    toInput,
    h('button', { type: 'submit' }, 'Apply'),
    h(
      'span',
      { class: 'zoom', role: 'group', 'aria-label': 'Zoom and pan' },
      h(
        'button',
        {
          type: 'button',
          title: 'earlier (PageUp)',
          'aria-label': 'pan earlier',
          onclick: () => chart.pan(-0.5),
        },
        '◀',
      ),
      h(
        'button',
        { type: 'button', title: 'zoom in (+)', 'aria-label': 'zoom in', onclick: () => zoomCentre(0.5) },
        '+',
      ),
      h(
        'button',
        { type: 'button', title: 'zoom out (−)', 'aria-label': 'zoom out', onclick: () => zoomCentre(2) },
        '−',
      ),
      h(
        'button',
        {
          type: 'button',
          title: 'later (PageDown)',
          'aria-label': 'pan later',
          onclick: () => chart.pan(0.5),
        },
        '▶',
      ),
    ),
    liveBadge,
  );
  rangeForm.addEventListener('submit', (e) => {
    e.preventDefault();
    try {
      resolveRange({ ...state, from: fromInput.value, to: toInput.value }, serverNow());
      go({ from: fromInput.value.trim(), to: toInput.value.trim() });
    } catch (error) {
      status.textContent = (error as Error).message;
    }
  });
  const ipForm = h(
    'form',
    { class: 'ip-search', 'aria-labelledby': 'ip-title' },
    h('h2', { id: 'ip-title' }, 'Who had an IP'),
    h('label', { for: 'ip' }, 'IP address (over the range shown)'),
    ipInput,
    h('button', { type: 'submit' }, 'Search'),
    ipResults,
  );
  ipForm.addEventListener('submit', (e) => {
    e.preventDefault();
    if (ipInput.value.trim()) go({ ip: ipInput.value.trim() });
  });
  fill(
    root,
    header(),
    h(
      'div',
      { class: 'controls' },
      h(
        'span',
        { class: clusters.length > 1 ? 'field' : 'field hidden' },
        h('label', { for: 'cluster' }, 'cluster'),
        clusterSelect,
      ),
      h('span', { class: 'field' }, h('label', { for: 'service' }, 'service'), serviceInput, serviceOptions),
      rangeForm,
    ),
    status,
    legend(),
    chart.element,
    h(
      'p',
      { id: 'chart-help', class: 'help' },
      'Click a moment to see its endpoints; drag across the chart to zoom into a range; the wheel over the time axis (or Ctrl+wheel) zooms. Keyboard: focus the chart, then ← → move the cursor (Shift: faster), Enter selects the moment, + and − zoom, PageUp and PageDown pan.',
    ),
    cursorNote,
    text.element,
    momentPanel,
    ipForm,
    h(
      'section',
      { class: 'export', 'aria-labelledby': 'export-title' },
      h('h2', { id: 'export-title' }, 'Evidence pack'),
      h(
        'p',
        {},
        'The postmortem evidence for this service and range, as endpoints-history export writes it.',
      ),
      h('button', { type: 'button', onclick: () => void download('md') }, 'Export Markdown'),
      h('button', { type: 'button', onclick: () => void download('json') }, 'Export JSON'),
    ),
  );
}

function zoomCentre(factor: number): void {
  if (currentData) chart.zoomAround(Math.round((currentData.from + currentData.to) / 2), factor);
}

/** Brings the page in line with `state`: reloads only what changed. */
async function apply(): Promise<void> {
  serviceInput.value = state.service ?? '';
  clusterSelect.value = state.cluster ?? clusters[0] ?? '';
  fromInput.value = state.from;
  toInput.value = state.to;
  ipInput.value = state.ip ?? '';
  liveBadge.hidden = !isLive(state);
  chart.setSelected(state.at);
  const key = keyOf(state);
  if (key !== viewKey) {
    viewKey = key;
    await reload();
    followIfLive();
  }
  await Promise.all([showMoment(), showIp()]);
}

/** Loads and draws the view; `quiet` (a live refresh) keeps the current chart until the new one is in. */
async function reload(quiet = false): Promise<void> {
  const target = state.service ? splitService(state.service) : null;
  if (!target) {
    status.textContent = 'Choose a service (type to search).';
    return;
  }
  const seq = ++loadSeq;
  let range: { from: number; to: number };
  try {
    range = resolveRange(state, serverNow());
  } catch (error) {
    status.textContent = (error as Error).message;
    return;
  }
  if (!quiet) {
    root.dataset.view = 'loading';
    status.textContent = `Loading ${state.service}…`;
  }
  try {
    const early = prefetched?.key === keyOf(state) && !quiet ? prefetched.data : null;
    prefetched = null;
    const data = await (early ??
      loadView(state.cluster, target.namespace, target.name, range.from, range.to));
    if (seq !== loadSeq) return;
    currentData = data;
    chart.setData(data);
    text.update(data);
    performance.mark('eph-rendered');
    root.dataset.view = 'ready';
    root.dataset.renderedAt = String(Math.round(performance.now()));
    status.textContent = summary(data);
  } catch (error) {
    if (seq !== loadSeq) return;
    if (error instanceof AuthRequired) return failed(error);
    currentData = null;
    chart.setData(null);
    text.update(null);
    root.dataset.view = 'error';
    status.textContent = explain(error);
  }
}

function summary(d: ViewData): string {
  const parts = [
    `${state.service}: ${d.rows.length} endpoint${d.rows.length === 1 ? '' : 's'} from ${label(d.from)} to ${label(d.to)} (source ${d.source})`,
    `${d.outages.length} outage${d.outages.length === 1 ? '' : 's'}`,
    d.gaps.length === 0
      ? 'recorded throughout'
      : `${d.gaps.length} gap${d.gaps.length === 1 ? '' : 's'} not recorded`,
  ];
  return `${parts.join('; ')}.`;
}

function explain(error: unknown): string {
  if (!(error instanceof ApiError)) return `The request failed: ${String(error)}`;
  if (error.code === 'EPH_ERR_UNKNOWN_SERVICE') return `Not recorded: ${error.message}.`;
  if (error.code === 'EPH_ERR_RANGE_TOO_LARGE') return `${error.message} — choose a shorter range.`;
  return `${error.message} (${error.code})`;
}

let momentSeq = 0;
let ipSeq = 0;

async function showMoment(): Promise<void> {
  const seq = ++momentSeq;
  const current = () => seq === momentSeq;
  const target = state.service ? splitService(state.service) : null;
  if (state.at === null || !target) {
    fill(
      momentPanel,
      h(
        'p',
        { class: 'help' },
        'Click the chart (or press Enter on it) to see the endpoints at that moment.',
      ),
    );
    return;
  }
  try {
    await renderMoment(
      momentPanel,
      { cluster: state.cluster, namespace: target.namespace, name: target.name, at: state.at },
      current,
    );
  } catch (error) {
    if (!current()) return;
    if (error instanceof AuthRequired) return failed(error);
    fill(momentPanel, h('p', { class: 'warn', role: 'alert' }, explain(error)));
  }
}

async function showIp(): Promise<void> {
  const seq = ++ipSeq;
  const current = () => seq === ipSeq;
  if (!state.ip) {
    fill(ipResults);
    return;
  }
  try {
    const range = resolveRange(state, serverNow());
    await renderIpSearch(ipResults, { cluster: state.cluster, ip: state.ip, ...range }, current);
  } catch (error) {
    if (!current()) return;
    if (error instanceof AuthRequired) return failed(error);
    fill(ipResults, h('p', { class: 'warn', role: 'alert' }, explain(error)));
  }
}

/** With the range ending at now, follow new changes (subscription) and move the window every 15 s. */
function followIfLive(): void {
  stopLive?.();
  stopLive = null;
  if (liveTimer !== null) clearInterval(liveTimer);
  liveTimer = null;
  const target = state.service ? splitService(state.service) : null;
  if (!isLive(state) || !target) return;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const soon = () => {
    if (pending !== null) return;
    pending = setTimeout(() => {
      pending = null;
      void reload(true);
    }, 300);
  };
  stopLive = followChanges({ cluster: state.cluster, namespace: target.namespace, name: target.name }, soon);
  liveTimer = setInterval(soon, 15_000);
}

async function download(format: 'md' | 'json'): Promise<void> {
  const target = state.service ? splitService(state.service) : null;
  if (!target) return;
  try {
    const range = resolveRange(state, serverNow());
    const blob = await getBlob('api/ui/v1/export', {
      cluster: state.cluster,
      namespace: target.namespace,
      service: target.name,
      from: range.from,
      to: range.to,
      format,
    });
    const a = h('a', {
      href: URL.createObjectURL(blob),
      download: `evidence-${target.namespace}-${target.name}-${iso(range.from)}.${format}`,
    });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10_000);
  } catch (error) {
    if (error instanceof AuthRequired) return failed(error);
    status.textContent = explain(error);
  }
}

void boot();
