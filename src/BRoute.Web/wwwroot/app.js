// BRoute dashboard: live power over server-sent events, charts from /api/ (uPlot, served by the daemon itself).
'use strict';
(() => {
  const ja = (navigator.language || '').toLowerCase().startsWith('ja');
  const T = ja ? {
    power_now: '現在の電力', current: '電流', link: '接続', state: '状態', resends: '再送', reconnects: '再接続',
    budget: '今の1時間の送信時間', backfill: '履歴の取得', power_chart: '電力', halfhours: '30分ごと: 今日と昨日 (kWh)',
    daily: '日別 (kWh, 31日)', monthly: '月別 (kWh, 12か月)', footer: '空白はメーターにデータがなかった30分です（0とは表示しません）。',
    today: '今日 買電', yesterday: '昨日 買電', today_export: '今日 売電', import: '買電', export: '売電', power: '電力 W',
    ago: '秒前に計測', none: 'なし', connected: '接続中', connecting: '接続しています', outage: '停止中', reauthenticating: '再認証中',
    transmitpaused: '送信停止中', authenticationrefused: '認証が拒否されました', stopped: '停止', since: 'から', unknown: '不明',
    cost_daily: ['今日', '昨日'], cost_monthly: ['今月', '先月'],
  } : {
    today: 'today import', yesterday: 'yesterday import', today_export: 'today export', import: 'import', export: 'export', power: 'power W',
    ago: 's ago', none: 'none', connected: 'connected', connecting: 'connecting', outage: 'outage', reauthenticating: 're-authenticating',
    transmitpaused: 'transmit paused', authenticationrefused: 'credentials refused', stopped: 'stopped', since: 'since', unknown: 'unknown',
    cost_daily: ['today', 'yesterday'], cost_monthly: ['this month', 'last month'],
  };
  const t = k => T[k] || k;
  if (ja) {
    document.documentElement.lang = 'ja';
    document.querySelectorAll('[data-t]').forEach(e => { if (T[e.dataset.t]) e.textContent = T[e.dataset.t]; });
  }

  const $ = id => document.getElementById(id);
  const css = n => getComputedStyle(document.documentElement).getPropertyValue(n).trim();
  const api = async path => {
    const r = await fetch(path, { cache: 'no-store' });
    if (!r.ok) throw new Error(`${path}: ${r.status}`);
    return r.json();
  };
  const fmt = (v, d) => v === null || v === undefined ? '–' : Number(v).toLocaleString(undefined, { maximumFractionDigits: d, minimumFractionDigits: d });
  const hhmm = s => new Date(s * 1000).toLocaleTimeString(ja ? 'ja-JP' : undefined, { hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' });
  const dayHhmm = s => new Date(s * 1000).toLocaleString(ja ? 'ja-JP' : undefined, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'Asia/Tokyo' });
  let meter = null;
  const charts = {};
  window.broute = { charts, ready: false, updates: 0 };

  function size(el) { return { width: Math.max(280, el.clientWidth), height: 220 }; }
  function plot(id, opts, data) {
    const el = $(id);
    if (charts[id]) { charts[id].setData(data); return; }
    charts[id] = new uPlot(Object.assign(size(el), opts), data, el);
  }
  function axes(xValues) {
    const grid = { stroke: css('--grid'), width: 1 };
    const stroke = css('--muted');
    return [{ stroke, grid, values: xValues }, { stroke, grid }];
  }
  const bars = uPlot.paths.bars({ size: [0.7, 40] });
  // Yesterday left of the slot, today (and its export) right of it: side by side, not hiding each other.
  const barsLeft = uPlot.paths.bars({ size: [0.4, 20], align: -1 });
  const barsRight = uPlot.paths.bars({ size: [0.4, 20], align: 1 });

  function showNow(n) {
    if (!n || (meter && n.meter.meter !== meter)) return;
    window.broute.updates++;
    const p = n.power_w;
    $('power').textContent = fmt(p, 0);
    $('power').parentElement.classList.toggle('export', p !== null && p < 0);
    $('current-r').textContent = fmt(n.current_ra, 1);
    $('current-t').textContent = fmt(n.current_ta, 1);
    $('current-t-box').hidden = n.meter.single_phase;
    $('age').textContent = n.age_seconds === null ? '' : `${fmt(n.age_seconds, 0)} ${t('ago')}`;
    const state = n.meter.state || 'unknown';
    $('link').dataset.state = state;
    $('link').textContent = t(state);
    $('state').textContent = `${t(state)}${n.meter.state_since ? ` (${t('since')} ${new Date(n.meter.state_since).toLocaleString(ja ? 'ja-JP' : undefined)})` : ''}`;
    $('rssi').textContent = n.link.rssi_dbm === null ? t('none') : `${fmt(n.link.rssi_dbm, 1)} dBm / ${n.link.lqi}`;
    $('resends').textContent = `${n.link.resends} / ${n.link.requests}`;
    $('reconnects').textContent = n.link.reconnects;
    $('budget').textContent = `${fmt(n.link.transmit_seconds, 1)} s / ${n.link.transmit_budget_seconds} s`;
    $('backfill').textContent = n.backfill ? `${n.backfill.done}/${n.backfill.total} (${n.backfill.day})` : t('none');
    const c = charts['chart-power'];
    // Live points join a chart of raw readings only; the 7-day chart shows one-minute means.
    if (c && p !== null && n.read_at && Number($('range').value) <= 24) {
      const ts = Date.parse(n.read_at) / 1000;
      const xs = c.data[0];
      if (!xs.length || ts > xs[xs.length - 1]) c.setData([[...xs, ts], [...c.data[1], p]]);
    }
  }

  async function loadPower() {
    const hours = Number($('range').value);
    const to = Math.floor(Date.now() / 1000);
    const s = await api(`api/samples?meter=${meter}&from=${to - hours * 3600}&to=${to}`);
    plot('chart-power', {
      series: [{}, { label: t('power'), stroke: css('--line'), width: 1.5, spanGaps: false }],
      axes: axes((u, v) => v.map(hours > 24 ? dayHhmm : hhmm)), legend: { show: false },
      // Always the chosen range, ending at the newest point (live points move it on).
      scales: { x: { range: (u, min, max) => [Math.min(min, max - hours * 3600), max] } },
    }, [s.time, s.power_w]);
  }

  async function loadHalfHours() {
    const jstMidnight = Math.floor((Date.now() + 9 * 3600e3) / 86400e3) * 86400 - 9 * 3600;
    const h = await api(`api/half-hours?meter=${meter}&from=${jstMidnight - 86400 + 1800}&to=${jstMidnight + 86400}`);
    const slot = i => (i + 1) / 2;
    const xs = Array.from({ length: 48 }, (_, i) => slot(i));
    const today = Array(48).fill(null), yesterday = Array(48).fill(null), exported = Array(48).fill(null);
    for (const r of h.slots) {
      const end = Date.parse(r.slot_end) / 1000;
      const day = end - 1800 >= jstMidnight ? 'today' : 'yesterday';
      const i = Math.round((end - (day === 'today' ? jstMidnight : jstMidnight - 86400)) / 1800) - 1;
      if (i < 0 || i > 47) continue;
      (day === 'today' ? today : yesterday)[i] = r.import_delta_kwh;
      if (day === 'today' && r.export_delta_kwh !== null && r.export_delta_kwh > 0) exported[i] = -r.export_delta_kwh;
    }
    plot('chart-halfhours', {
      series: [{}, { label: t('yesterday'), fill: css('--prev'), stroke: css('--prev'), paths: barsLeft, points: { show: false } },
        { label: t('today'), fill: css('--import'), stroke: css('--import'), paths: barsRight, points: { show: false } },
        { label: t('today_export'), fill: css('--export'), stroke: css('--export'), paths: barsRight, points: { show: false } }],
      legend: { live: false },
      axes: axes((u, v) => v.map(x => `${String(Math.floor(x)).padStart(2, '0')}:${x % 1 ? '30' : '00'}`)),
      scales: { x: { time: false, range: () => [0, 24.5] } }, // room for the first and last pair of bars
    }, [xs, yesterday, today, exported]);
  }

  async function loadTotals(kind, id) {
    const r = await api(`api/${kind}?meter=${meter}`);
    const xs = r.totals.map((_, i) => i);
    const labels = r.totals.map(x => kind === 'daily' ? x.start.slice(5) : x.start.slice(0, 7));
    plot(id, {
      series: [{}, { label: t('import'), fill: css('--import'), stroke: css('--import'), paths: bars, points: { show: false } },
        { label: t('export'), fill: css('--export'), stroke: css('--export'), paths: bars, points: { show: false } }],
      legend: { live: false },
      axes: axes((u, v) => v.map(i => labels[i] ?? '')), scales: { x: { time: false, range: (u, min, max) => [min - 0.5, max + 0.5] } },
    }, [xs, r.totals.map(x => x.import_kwh), r.totals.map(x => x.export_kwh)]);
    // Yen only with a tariff in the config (the API then prices each period that has data).
    const cost = $(`cost-${kind}`);
    cost.hidden = !r.totals.some(x => x.yen !== undefined);
    if (!cost.hidden) {
      const [now, before] = t(`cost_${kind}`);
      const yen = x => x && x.yen !== undefined ? `¥${fmt(x.yen, 0)}` : '–';
      cost.textContent = `${now} ${yen(r.totals[r.totals.length - 1])} · ${before} ${yen(r.totals[r.totals.length - 2])}`;
    }
  }

  async function loadAll() {
    const meters = await api('api/meters');
    if (!meters.length) { setTimeout(loadAll, 2000); return; }
    const select = $('meter');
    select.hidden = meters.length < 2;
    select.replaceChildren(...meters.map(m => new Option(m.serial || m.meter, m.meter))); // text, never markup
    meter = meter && meters.some(m => m.meter === meter) ? meter : meters[0].meter;
    select.value = meter;
    showNow(await api(`api/now?meter=${meter}`));
    await Promise.all([loadPower(), loadHalfHours(), loadTotals('daily', 'chart-daily'), loadTotals('monthly', 'chart-monthly')]);
    window.broute.ready = true;
  }

  let lost = false;
  function stream() {
    const es = new EventSource('api/stream');
    es.addEventListener('now', e => showNow(JSON.parse(e.data)));
    es.onerror = () => { lost = true; $('link').textContent = '…'; };
    es.onopen = () => { if (lost) { lost = false; loadAll().catch(console.warn); } }; // the daemon restarted: catch up
  }

  $('range').addEventListener('change', () => {
    if (charts['chart-power']) { charts['chart-power'].destroy(); delete charts['chart-power']; } // new range, new axes
    loadPower().catch(console.warn);
  });
  $('meter').addEventListener('change', e => { meter = e.target.value; for (const k in charts) { charts[k].destroy(); delete charts[k]; } loadAll().catch(console.warn); });
  window.addEventListener('resize', () => { for (const k in charts) charts[k].setSize(size($(k))); });
  setInterval(() => { if (meter) Promise.all([loadHalfHours(), loadTotals('daily', 'chart-daily'), loadTotals('monthly', 'chart-monthly')]).catch(console.warn); }, 60000);
  loadAll().catch(e => { console.warn(e); setTimeout(loadAll, 3000); });
  stream();
})();
