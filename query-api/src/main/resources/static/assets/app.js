// Ante's dashboard. Everything an agent sent is shown as text (textContent), never as markup.
'use strict';

const $ = (id) => document.getElementById(id);
const state = { page: null, timers: [], feed: null, charts: {}, lastAppended: null, viewer: null };

// --- HTTP -------------------------------------------------------------------------------------------------

async function api(path, options = {}) {
  const response = await fetch(path, { credentials: 'same-origin', ...options });
  if (response.status === 401) {
    showSignIn();
    throw new Error('signed out');
  }
  if (!response.ok) {
    let detail = response.statusText;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    const error = new Error(detail);
    error.status = response.status;
    throw error;
  }
  return response.status === 204 ? null : response.json();
}

async function sql(query, limit = 10000) {
  return api('/api/v1/sql', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query, limit }),
  });
}

// ECharts writes tooltips as HTML: agents' names go in escaped.
const esc = (text) => String(text).replace(/[&<>"']/g, (c) => '&#' + c.charCodeAt(0) + ';');

// --- DOM helpers ------------------------------------------------------------------------------------------

function cell(row, value, numeric) {
  const td = document.createElement('td');
  td.textContent = value === null || value === undefined ? '–' : String(value);
  if (numeric) td.className = 'num';
  row.appendChild(td);
  return td;
}

// Each panel marks when its data is on the page (performance.mark), for timing the dashboard in a browser.
function drawn(id) {
  performance.mark('ante:panel:' + id);
}

function fill(tableId, rows, render) {
  drawn(tableId);
  const body = $(tableId).querySelector('tbody');
  body.replaceChildren();
  for (const item of rows) {
    const tr = document.createElement('tr');
    render(tr, item);
    body.appendChild(tr);
  }
}

const pct = (x) => (x === null || x === undefined ? null : (100 * x).toFixed(1) + ' %');
const fixed = (x, digits = 2) => (x === null || x === undefined ? null : Number(x).toFixed(digits));

function chart(id) {
  if (!state.charts[id]) {
    state.charts[id] = echarts.init($(id));
  }
  drawn(id);
  return state.charts[id];
}

window.addEventListener('resize', () => Object.values(state.charts).forEach((c) => c.resize()));

// --- sign-in ----------------------------------------------------------------------------------------------

function showSignIn() {
  stopPage();
  document.querySelectorAll('.page').forEach((p) => (p.hidden = true));
  $('nav').hidden = true;
  $('sign-out').hidden = true;
  $('who').textContent = '';
  $('sign-in').hidden = false;
}

async function signedIn(role) {
  $('sign-in').hidden = true;
  $('nav').hidden = false;
  $('sign-out').hidden = false;
  $('who').textContent = 'signed in as ' + role.toLowerCase();
  route();
}

$('sign-in-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('sign-in-error').textContent = '';
  const response = await fetch('/api/v1/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ key: $('key').value }),
  });
  $('key').value = '';
  if (response.ok) {
    signedIn((await response.json()).role);
  } else {
    $('sign-in-error').textContent = response.status === 401 ? 'That key is not recognised.' : 'Sign-in failed (' + response.status + ').';
  }
});

$('sign-out').addEventListener('click', async () => {
  await fetch('/api/v1/session', { method: 'DELETE', credentials: 'same-origin' });
  showSignIn();
});

// --- pages ------------------------------------------------------------------------------------------------

const pages = { overview, strategies, jokers, antes, learning, games };

function stopPage() {
  state.timers.forEach(clearInterval);
  state.timers = [];
  if (state.feed) {
    state.feed.close();
    state.feed = null;
  }
}

function route() {
  const name = (location.hash.replace('#/', '').split('?')[0]) || 'overview';
  const page = pages[name] ? name : 'overview';
  stopPage();
  document.querySelectorAll('.page').forEach((p) => (p.hidden = p.id !== 'page-' + page));
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('current', a.dataset.page === page));
  state.page = page;
  pages[page]().catch(report);
  Object.values(state.charts).forEach((c) => c.resize());
}

function report(error) {
  if (error.message !== 'signed out') {
    console.warn(error);
  }
}

function every(ms, task) {
  const run = () => task().catch(report);
  state.timers.push(setInterval(run, ms));
  return run();
}

window.addEventListener('hashchange', () => {
  if (!$('nav').hidden) route();
});

// Overview: counts, ingest rate, projection lag, and a live feed from the stream.
async function overview() {
  await every(2000, refreshOverview);
  openFeed();
  $('feed-all').onchange = openFeed;
}

async function refreshOverview() {
  const now = performance.now();
  const o = await api('/api/v1/stats/overview');
  const games = o.games || {};
  const completed = (games.WON || 0) + (games.LOST || 0) + (games.ABANDONED || 0);
  $('kpi-active').textContent = games.ACTIVE || 0;
  $('kpi-completed').textContent = completed;
  $('kpi-winrate').textContent = completed ? pct((games.WON || 0) / completed) : '–';
  $('kpi-lag').textContent = o.maxProjectionLag;
  drawn('kpis');
  if (state.lastAppended) {
    const seconds = (now - state.lastAppended.at) / 1000;
    const rate = Math.max(0, Math.round((o.appendedSinceStart - state.lastAppended.count) / seconds));
    $('kpi-rate').textContent = rate;
    state.rates = (state.rates || []).concat([[Date.now(), rate]]).slice(-150);
    chart('chart-ingest').setOption({
      grid: { left: 50, right: 20, top: 10, bottom: 30 }, tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' }, yAxis: { type: 'value', name: 'events/s' },
      series: [{ name: 'events/s', type: 'line', showSymbol: false, areaStyle: { opacity: 0.15 }, data: state.rates }],
    });
  }
  state.lastAppended = { at: now, count: o.appendedSinceStart };
  $('empty').hidden = (games.ACTIVE || 0) + completed > 0;
  const projections = await api('/api/v1/projections');
  fill('projections', projections.items, (tr, p) => {
    cell(tr, p.name);
    cell(tr, p.lag, true);
    cell(tr, fixed(p.rate, 0), true);
    cell(tr, p.error ? 'failed: ' + p.error : p.replaying ? 'replaying ' + fixed(p.percent, 0) + ' %' : 'live');
  });
}

function openFeed() {
  if (state.feed) state.feed.close();
  const types = $('feed-all').checked ? '' : '?types=GameStarted,BlindDefeated,GameCompleted,StrategyRegistered,StrategyEvaluated,MetricRecorded';
  const feed = new EventSource('/api/v1/stream' + types);
  const list = $('feed');
  let pending = [];
  feed.onmessage = null;
  const onEvent = (message) => {
    pending.push(JSON.parse(message.data));
  };
  ['GameStarted', 'BlindSelected', 'BlindSkipped', 'HandPlayed', 'CardsDiscarded', 'BlindDefeated', 'ShopEntered',
    'ShopRerolled', 'ItemPurchased', 'JokerSold', 'ConsumableUsed', 'DecisionMade', 'GameCompleted',
    'StrategyRegistered', 'StrategyRevised', 'StrategyEvaluated', 'StrategyRetired', 'MetricRecorded']
    .forEach((type) => feed.addEventListener(type, onEvent));
  // Rendered a few times a second, whatever the rate, keeping the newest 100 lines.
  state.timers.push(setInterval(() => {
    if (!pending.length) return;
    for (const e of pending.slice(-100)) {
      const li = document.createElement('li');
      li.textContent = e.occurredAt.slice(11, 19) + '  ' + e.stream + '  #' + e.revision + '  ' + e.type + describe(e);
      list.prepend(li);
    }
    pending = [];
    while (list.children.length > 100) list.lastChild.remove();
  }, 300));
  state.feed = feed;
}

function describe(e) {
  const d = e.data || {};
  switch (e.type) {
    case 'GameStarted': return '  ' + d.agentId + (d.strategyId ? ' / ' + d.strategyId : '') + ', ' + d.deck + ', ' + d.stake;
    case 'GameCompleted': return '  ' + d.outcome + ' at ante ' + d.finalAnte;
    case 'BlindDefeated': return '  ante ' + d.ante + ' ' + d.blindType + ', score ' + d.score;
    case 'HandPlayed': return '  ' + d.handType + ' for ' + d.finalScore;
    case 'MetricRecorded': return '  ' + d.name + ' = ' + d.value + ' at step ' + d.step;
    default: return '';
  }
}

// Strategies: leaderboard, win rate over time (from the time series), two strategies side by side.
async function strategies() {
  const board = (await api('/api/v1/strategies/leaderboard?limit=50')).items;
  fill('leaderboard', board, (tr, s) => {
    cell(tr, s.name ? s.strategyId + ' (' + s.name + ')' : s.strategyId);
    cell(tr, s.modelVersion);
    cell(tr, s.games, true);
    cell(tr, s.wins, true);
    cell(tr, s.losses, true);
    cell(tr, pct(s.winRate), true);
    cell(tr, fixed(s.wilson, 3), true);
    cell(tr, fixed(s.avgFinalAnte), true);
    cell(tr, s.bestHandScore, true);
  });
  const top = board.slice(0, 15);
  chart('chart-leaderboard').setOption({
    tooltip: {}, grid: { left: 160, right: 20 },
    xAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + ' %' } },
    yAxis: { type: 'category', data: top.map((s) => s.strategyId).reverse() },
    series: [
      { name: 'win rate', type: 'bar', data: top.map((s) => s.winRate || 0).reverse(), itemStyle: { color: '#0a5fb4' } },
      { name: 'Wilson lower bound', type: 'bar', data: top.map((s) => s.wilson || 0).reverse(), itemStyle: { color: '#8fb8e6' } },
    ],
    legend: {},
  }, true);
  for (const id of ['compare-a', 'compare-b']) {
    const select = $(id);
    const chosen = select.value;
    select.replaceChildren(...board.map((s) => new Option(s.strategyId, s.strategyId)));
    if (chosen) select.value = chosen;
    select.onchange = compare;
  }
  if (board.length > 1 && !$('compare-b').value) $('compare-b').selectedIndex = 1;
  if (board.length > 1 && $('compare-a').value === $('compare-b').value) $('compare-b').selectedIndex = 1;
  await compare();
  await winRateOverTime(top.map((s) => s.strategyId));
}

async function compare() {
  const a = $('compare-a').value;
  const b = $('compare-b').value;
  if (!a || !b) return;
  const [left, right] = await Promise.all([a, b].map((id) => api('/api/v1/strategies/' + encodeURIComponent(id))));
  const summary = (d) => {
    const stats = d.stats || {};
    const reg = d.registration || {};
    const last = (d.evaluations || []).slice(-1)[0] || {};
    return {
      strategy: d.strategyId, name: reg.name, agent: reg.agentId, 'model version': reg.modelVersion,
      parameters: reg.parameters, revisions: (d.revisions || []).length, games: stats.games, wins: stats.wins,
      losses: stats.losses, 'win rate': pct(stats.winRate), Wilson: fixed(stats.wilson, 3),
      'avg final ante': fixed(stats.avgFinalAnte), 'best hand': stats.bestHandScore,
      'last evaluation': last.gamesPlayed === undefined ? null : last.wins + ' / ' + last.gamesPlayed + ' won',
      retired: d.retired ? 'yes' + (d.retired.reason ? ': ' + d.retired.reason : '') : 'no',
    };
  };
  const rows = flatten(summary(left), summary(right), null);
  fill('compare', rows, (tr, r) => {
    cell(tr, r.field);
    cell(tr, r.a);
    cell(tr, r.b);
    if (r.a !== r.b) tr.className = 'differs';
  });
}

async function winRateOverTime(strategyIds) {
  const note = $('winrate-note');
  note.textContent = '';
  let result;
  try {
    result = await sql("SELECT ts, strategy_id, avg(CASE WHEN outcome = 'WIN' THEN 1.0 ELSE 0.0 END) win_rate, count() games"
      + ' FROM game_outcomes SAMPLE BY 1h ALIGN TO CALENDAR ORDER BY ts');
  } catch (error) {
    note.textContent = 'The time series are not available: ' + error.message;
    return;
  }
  const wanted = new Set(strategyIds);
  const byStrategy = new Map();
  for (const [ts, strategy, winRate] of result.rows) {
    if (!wanted.has(strategy)) continue;
    if (!byStrategy.has(strategy)) byStrategy.set(strategy, []);
    byStrategy.get(strategy).push([ts, winRate]);
  }
  chart('chart-winrate').setOption({
    tooltip: { trigger: 'axis' }, legend: { type: 'scroll' },
    xAxis: { type: 'time' }, yAxis: { type: 'value', max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + ' %' } },
    series: [...byStrategy].map(([name, data]) => ({ name, type: 'line', showSymbol: false, data })),
  }, true);
  if (!byStrategy.size) note.textContent = 'No completed games in the time series yet.';
}

// Jokers: a heatmap of pairs, and single jokers.
async function jokers() {
  const all = (await api('/api/v1/synergies?size=pair&minGames=1&sort=games&limit=400')).items;
  // Pairs seen in at least 3 games, unless there are too few of those yet to say anything.
  const minGames = all.filter((p) => p.games >= 3).length >= 10 ? 3 : 1;
  const pairs = all.filter((p) => p.games >= minGames);
  $('heatmap-note').textContent = 'Pairs seen in at least ' + minGames + (minGames === 1 ? ' game' : ' games')
    + ' (' + pairs.length + ' pairs); a cell\'s tooltip gives games and the Wilson lower bound.';
  const seen = new Map();
  for (const p of pairs) for (const j of p.jokers) seen.set(j, (seen.get(j) || 0) + p.games);
  const names = [...seen].sort((a, b) => b[1] - a[1]).slice(0, 20).map((e) => e[0]).sort();
  const index = new Map(names.map((n, i) => [n, i]));
  const data = [];
  for (const p of pairs) {
    const [a, b] = p.jokers;
    if (!index.has(a) || !index.has(b) || p.winRate === null) continue;
    data.push({ value: [index.get(a), index.get(b), p.winRate], games: p.games, wilson: p.wilson });
    data.push({ value: [index.get(b), index.get(a), p.winRate], games: p.games, wilson: p.wilson });
  }
  chart('chart-heatmap').setOption({
    tooltip: {
      formatter: (item) => esc(names[item.value[0]]) + ' + ' + esc(names[item.value[1]]) + '<br>win rate '
        + pct(item.value[2]) + ' over ' + item.data.games + ' games<br>Wilson ' + fixed(item.data.wilson, 3),
    },
    grid: { left: 140, bottom: 140, right: 40 },
    xAxis: { type: 'category', data: names, axisLabel: { rotate: 60 } },
    yAxis: { type: 'category', data: names },
    visualMap: { min: 0, max: 1, calculable: true, orient: 'vertical', right: 0, top: 'center',
      inRange: { color: ['#c6dbef', '#4292c6', '#08306b'] } },
    series: [{ type: 'heatmap', data, emphasis: { itemStyle: { borderColor: '#000', borderWidth: 1 } } }],
  }, true);
  const tiers = (await api('/api/v1/jokers?minGames=1&sort=wilson&limit=100')).items;
  fill('tiers', tiers.slice(0, 30), (tr, t) => {
    cell(tr, t.joker);
    cell(tr, t.offered, true);
    cell(tr, t.bought, true);
    cell(tr, pct(t.pickRate), true);
    cell(tr, t.games, true);
    cell(tr, pct(t.winRate), true);
    cell(tr, fixed(t.wilson, 3), true);
  });
  const plotted = tiers.filter((t) => t.pickRate !== null && t.winRate !== null);
  chart('chart-tiers').setOption({
    tooltip: { formatter: (item) => esc(item.data.name) + '<br>pick rate ' + pct(item.data.value[0]) + ', win rate '
      + pct(item.data.value[1]) + ' over ' + item.data.games + ' games' },
    grid: { left: 60, right: 30, bottom: 50 },
    xAxis: { type: 'value', name: 'pick rate', min: 0, axisLabel: { formatter: (v) => Math.round(v * 100) + ' %' } },
    yAxis: { type: 'value', name: 'win rate', min: 0, max: 1, axisLabel: { formatter: (v) => Math.round(v * 100) + ' %' } },
    series: [{ type: 'scatter', symbolSize: (v, item) => 6 + Math.sqrt(item.data.games),
      data: plotted.map((t) => ({ name: t.joker, value: [t.pickRate, t.winRate], games: t.games })),
      itemStyle: { color: '#0a5fb4', opacity: 0.7 } }],
  }, true);
  const singles = (await api('/api/v1/synergies?size=single&minGames=1&sort=wilson&limit=50')).items;
  fill('singles', singles, (tr, s) => {
    cell(tr, s.jokers.join(', '));
    cell(tr, s.games, true);
    cell(tr, s.hands, true);
    cell(tr, pct(s.winRate), true);
    cell(tr, fixed(s.wilson, 3), true);
    cell(tr, fixed(s.avgScore, 0), true);
  });
}

// Antes: how many completed games reached each ante, and how many ended there.
async function antes() {
  const items = (await api('/api/v1/stats/antes')).items;
  fill('antes', items, (tr, a) => {
    cell(tr, a.ante, true);
    cell(tr, a.reached, true);
    cell(tr, a.lostAt, true);
    cell(tr, a.reached ? pct((a.reached - a.lostAt) / a.reached) : null, true);
  });
  chart('chart-antes').setOption({
    tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'category', data: items.map((a) => 'ante ' + a.ante) },
    yAxis: { type: 'value' },
    series: [
      { name: 'reached', type: 'bar', data: items.map((a) => a.reached), itemStyle: { color: '#0a5fb4' } },
      { name: 'lost at', type: 'bar', data: items.map((a) => a.lostAt), itemStyle: { color: '#d9822b' } },
    ],
  }, true);
}

// Learning: one metric of one run per step, from the time series.
async function learning() {
  const note = $('learning-note');
  note.textContent = '';
  let runs;
  try {
    runs = await sql('SELECT run_id, name, count() points FROM learning_metrics GROUP BY run_id, name ORDER BY run_id, name', 1000);
  } catch (error) {
    note.textContent = 'The time series are not available: ' + error.message;
    return;
  }
  if (!runs.rows.length) {
    note.textContent = 'No learning metrics yet: agents post them to /api/v1/learning/{runId}/metrics.';
    return;
  }
  const runIds = [...new Set(runs.rows.map((r) => r[0]))];
  const runSelect = $('learning-run');
  const metricSelect = $('learning-metric');
  if (!runSelect.options.length) {
    runSelect.replaceChildren(...runIds.map((r) => new Option(r, r)));
  }
  const fillMetrics = () => {
    const names = runs.rows.filter((r) => r[0] === runSelect.value).map((r) => r[1]);
    const chosen = metricSelect.value;
    metricSelect.replaceChildren(...names.map((n) => new Option(n, n)));
    if (names.includes(chosen)) metricSelect.value = chosen;
  };
  fillMetrics();
  runSelect.onchange = () => { fillMetrics(); curve().catch(report); };
  metricSelect.onchange = () => curve().catch(report);
  await curve();
}

async function curve() {
  const run = $('learning-run').value;
  const metric = $('learning-metric').value;
  const curves = await api('/api/v1/learning/' + encodeURIComponent(run) + '/metrics?name='
    + encodeURIComponent(metric) + '&buckets=200');
  const buckets = curves.metrics.length ? curves.metrics[0].buckets : [];
  chart('chart-learning').setOption({
    tooltip: { trigger: 'axis' }, legend: {},
    xAxis: { type: 'value', name: 'step' }, yAxis: { type: 'value', name: metric, scale: true },
    series: [
      { name: 'mean', type: 'line', showSymbol: false, data: buckets.map((b) => [b.toStep, b.mean]) },
      { name: 'min', type: 'line', showSymbol: false, lineStyle: { opacity: 0.4 }, data: buckets.map((b) => [b.toStep, b.min]) },
      { name: 'max', type: 'line', showSymbol: false, lineStyle: { opacity: 0.4 }, data: buckets.map((b) => [b.toStep, b.max]) },
    ],
  }, true);
}

// Games: a list, and a viewer that scrubs through a game's revisions and compares two games.
async function games() {
  $('games-status').onchange = () => listGames().catch(report);
  await listGames();
  const wanted = new URLSearchParams(location.hash.split('?')[1] || '').get('game');
  if (wanted) await openGame(wanted);
}

async function listGames() {
  const status = $('games-status').value;
  const page = await api('/api/v1/games?limit=50' + (status ? '&status=' + status : ''));
  fill('games', page.items, (tr, g) => {
    tr.className = 'clickable';
    tr.onclick = () => openGame(g.gameId).catch(report);
    cell(tr, g.gameId);
    cell(tr, g.agentId);
    cell(tr, g.strategyId);
    cell(tr, g.status);
    cell(tr, g.ante, true);
    cell(tr, g.handsPlayed, true);
    cell(tr, g.bestHandScore, true);
  });
}

async function openGame(gameId) {
  const latest = await api('/api/v1/games/' + encodeURIComponent(gameId) + '/state');
  state.viewer = { gameId, last: latest.revision };
  $('viewer').hidden = false;
  $('viewer-game').textContent = gameId;
  $('viewer-last').textContent = latest.revision;
  const slider = $('viewer-slider');
  slider.max = latest.revision;
  slider.value = latest.revision;
  slider.oninput = () => showRevision(Number(slider.value)).catch(report);
  $('diff-button').onclick = () => diff().catch(report);
  await showRevision(latest.revision);
}

async function showRevision(revision) {
  const { gameId } = state.viewer;
  const base = '/api/v1/games/' + encodeURIComponent(gameId);
  const [view, events] = await Promise.all([
    api(base + '/state?atRevision=' + revision),
    api(base + '/events?fromRevision=' + revision + '&limit=1'),
  ]);
  if (Number($('viewer-slider').value) !== revision) return; // a newer position was asked for meanwhile
  $('viewer-revision').textContent = revision;
  fill('viewer-state', flatten(view, null, null), (tr, r) => {
    cell(tr, r.field);
    cell(tr, r.a);
  });
  const event = events.items[0];
  $('viewer-event').textContent = event ? event.type + '\n' + JSON.stringify(event.data, null, 2) : '';
}

async function diff() {
  const other = $('diff-game').value.trim();
  if (!other) return;
  const { gameId } = state.viewer;
  const revision = Number($('viewer-slider').value);
  const [a, b] = await Promise.all([
    api('/api/v1/games/' + encodeURIComponent(gameId) + '/state?atRevision=' + revision),
    api('/api/v1/games/' + encodeURIComponent(other) + '/state'),
  ]);
  $('diff-a').textContent = gameId + ' @' + revision;
  $('diff-b').textContent = other + ' @' + b.revision;
  fill('diff', flatten(a, b, null), (tr, r) => {
    cell(tr, r.field);
    cell(tr, r.a);
    cell(tr, r.b);
    if (r.a !== r.b) tr.className = 'differs';
  });
}

// Two objects as rows of (field, a, b), nested values written as JSON.
function flatten(a, b, fields) {
  const keys = fields || [...new Set([...Object.keys(a || {}), ...Object.keys(b || {})])];
  const show = (v) => (v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : String(v));
  return keys.map((field) => ({ field, a: show(a ? a[field] : null), b: show(b ? b[field] : null) }));
}

// --- start ------------------------------------------------------------------------------------------------

(async () => {
  const session = await (await fetch('/api/v1/session', { credentials: 'same-origin' })).json();
  if (session.signedIn) {
    signedIn(session.role);
  } else {
    showSignIn();
  }
})();
