// Trainyard's dashboard: plain JavaScript over the REST API. The browser asks for the HTTP Basic credentials
// when the page loads (the server answers 401 with WWW-Authenticate) and sends them with every call below.
const $ = (selector) => document.querySelector(selector);
const esc = (value) => String(value ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const badge = (value) => (value ? `<span class="badge ${esc(value)}">${esc(value)}</span>` : '');
const when = (instant) => (instant ? new Date(instant).toLocaleString() : '');
const metrics = (values) => Object.entries(values || {}).map(([k, v]) => `${esc(k)} ${Number(v).toFixed(4)}`).join(', ');
const age = (seconds) => {
  if (seconds == null) return '';
  const units = [['d', 86400], ['h', 3600], ['m', 60]];
  for (const [unit, size] of units) if (seconds >= size) return `${Math.floor(seconds / size)}${unit}`;
  return `${seconds}s`;
};

async function api(method, path, body) {
  const response = await fetch(new URL(path, window.location.origin), {
    method,
    headers: body ? { 'Content-Type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
  });
  const data = response.headers.get('Content-Type')?.includes('json') ? await response.json() : null;
  if (!response.ok) throw new Error(data?.detail || `${response.status} ${response.statusText}`);
  return data;
}

async function act(method, path, body) {
  try {
    await api(method, path, body);
    await refresh();
  } catch (error) {
    alert(error.message);
  }
}

function renderPipelines(pipelines) {
  $('#pipelines tbody').innerHTML = pipelines.map((p) => `<tr>
    <td><b>${esc(p.name)}</b></td><td>${esc(p.objective)}</td>
    <td>${p.schedule ? `<code>${esc(p.schedule.cron)}</code> ${esc(p.schedule.zone)}` : '<span class="muted">none</span>'}</td>
    <td>${esc(p.approval)}</td>
    <td>${p.champion ? `v${p.champion.version} <span class="muted">${metrics(p.champion.metrics)}</span>` : ''}</td>
    <td>${age(p.freshness?.ageSeconds)}</td><td>${badge(p.freshness?.status)}</td>
    <td>${(p.budgets || []).map((b) => `${esc(b.slo)} ${Math.round(100 * b.remaining)}% ${badge(b.status)}`).join('<br>')}</td>
    <td>${p.freshness?.lastTrainedAt ? when(p.freshness.lastTrainedAt) : '<span class="muted">never</span>'}</td>
    <td><button data-launch="${esc(p.name)}">run now</button></td></tr>`).join('');
}

function renderApprovals(versions) {
  $('#approvals tbody').innerHTML = versions.length === 0
    ? '<tr><td colspan="7" class="muted">nothing waits for approval</td></tr>'
    : versions.map((v) => `<tr>
      <td>${esc(v.pipeline)}</td><td>v${v.version}</td><td>${metrics(v.metrics)}</td>
      <td>${v.championVersion ? `v${v.championVersion}: ${metrics(v.championMetrics)}` : '<span class="muted">no champion</span>'}</td>
      <td>${(v.gateResults || []).map((g) => `${g.passed ? '✓' : '✗'} ${esc(g.reason)}`).join('<br>')}</td>
      <td>${when(v.createdAt)}</td>
      <td><button data-approve="${esc(v.pipeline)}/${v.version}">approve</button>
          <button data-reject="${esc(v.pipeline)}/${v.version}">reject</button></td></tr>`).join('');
}

function renderIncidents(incidents) {
  $('#incidents tbody').innerHTML = incidents.length === 0
    ? '<tr><td colspan="9" class="muted">no open incident</td></tr>'
    : incidents.map((i) => `<tr class="clickable" data-incident="${i.id}">
      <td>#${i.id}</td><td>${esc(i.pipeline)}</td><td>${esc(i.type)}</td><td>${badge(i.severity)}</td>
      <td>${badge(i.status)}</td><td>${esc(i.title)}</td><td>${i.count}×</td><td>${when(i.openedAt)}</td>
      <td>${i.status === 'DETECTED' ? `<button data-acknowledge="${i.id}">acknowledge</button>` : ''}
          <button data-resolve="${i.id}">resolve</button></td></tr>`).join('');
}

function renderRuns(runs) {
  $('#runs tbody').innerHTML = runs.map((r) => {
    const percent = r.progress.rounds ? Math.round((100 * r.progress.round) / r.progress.rounds) : 0;
    const running = ['STARTING', 'STARTED', 'STOPPING'].includes(r.status);
    const restartable = ['FAILED', 'STOPPED'].includes(r.status) && r.outcome !== 'AWAITING_APPROVAL';
    return `<tr class="clickable" data-run="${esc(r.runId)}">
      <td><code>${esc(r.runId.slice(0, 8))}</code></td><td>${esc(r.pipeline)}</td><td>${badge(r.status)}</td>
      <td>${badge(r.outcome)}</td>
      <td><span class="bar"><span style="width:${percent}%"></span></span> ${r.progress.round}/${r.progress.rounds}</td>
      <td>${r.modelVersion ? `v${r.modelVersion}` : ''}</td><td>${esc(r.launchedBy)}</td><td>${when(r.createdAt)}</td>
      <td>${running ? `<button data-stop="${esc(r.runId)}">stop</button>` : ''}
          ${restartable ? `<button data-restart="${esc(r.runId)}">restart</button>` : ''}</td></tr>`;
  }).join('');
}

async function show(kind, path, id) {
  const item = await api('GET', path);
  $('#detail').hidden = false;
  $('#detail-kind').textContent = kind;
  $('#detail-id').textContent = id;
  $('#detail-body').textContent = JSON.stringify(item, null, 2);
}

async function refresh() {
  try {
    const pipelines = await api('GET', '/api/pipelines');
    const versions = (await Promise.all(pipelines.map((p) => api('GET', `/api/models/${encodeURIComponent(p.name)}/versions`))))
      .flat()
      .filter((v) => v.state === 'AWAITING_APPROVAL');
    renderPipelines(pipelines);
    renderApprovals(versions);
    renderIncidents(await api('GET', '/api/incidents?status=open'));
    renderRuns(await api('GET', '/api/runs?limit=25'));
    $('#status').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    $('#status').textContent = error.message;
  }
}

document.addEventListener('click', (event) => {
  const target = event.target;
  const data = target.dataset || {};
  if (data.launch) act('POST', `/api/pipelines/${encodeURIComponent(data.launch)}/runs`);
  else if (data.stop) act('POST', `/api/runs/${encodeURIComponent(data.stop)}/stop`);
  else if (data.restart) act('POST', `/api/runs/${encodeURIComponent(data.restart)}/restart`);
  else if (data.acknowledge || data.resolve) {
    const step = data.acknowledge ? 'acknowledge' : 'resolve';
    const comment = prompt(`${step} incident #${data.acknowledge || data.resolve}? Comment:`);
    if (comment !== null) act('POST', `/api/incidents/${data.acknowledge || data.resolve}/${step}`, { comment });
  }
  else if (data.approve) {
    const comment = prompt(`Approve ${data.approve}? Comment:`);
    if (comment !== null) act('POST', `/api/models/${data.approve.replace('/', '/versions/')}/approve`, { comment });
  } else if (data.reject) {
    const comment = prompt(`Reject ${data.reject}? Reason:`);
    if (comment !== null) act('POST', `/api/models/${data.reject.replace('/', '/versions/')}/reject`, { comment });
  } else {
    const run = target.closest('tr[data-run]');
    const incident = target.closest('tr[data-incident]');
    if (run) show('Run', `/api/runs/${encodeURIComponent(run.dataset.run)}`, run.dataset.run).catch((error) => alert(error.message));
    if (incident) show('Incident', `/api/incidents/${incident.dataset.incident}`, `#${incident.dataset.incident}`).catch((error) => alert(error.message));
  }
});

refresh();
setInterval(refresh, 3000);
