/**
 * A read-only job dashboard for admins at `GET /admin/jobs`, rendered on the server with inline CSS and one
 * small inline script (no CDN, works offline). A browser cannot send a Bearer header from the address bar, so
 * the page asks for the admin API key, keeps it only in `sessionStorage` (gone when the tab closes), and calls
 * `GET /v1/admin/jobs` with it. The key never goes into a URL: the input has no `name` and the CSP forbids form
 * submission. Data from the API is written with `textContent`, never as HTML.
 */
/** The page for one response; `nonce` is that response's CSP nonce (api/security-headers.ts sets the policy). */
export function adminJobsPage(nonce: string): string {
  return renderAdminJobsPage(nonce);
}

function renderAdminJobsPage(nonce: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>后台任务 Background jobs</title>
<meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex">
<style nonce="${nonce}">
body{font:15px/1.6 system-ui,"PingFang SC","Microsoft YaHei",sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#1d2430}
h1{font-size:1.6em}h2{border-bottom:2px solid #dde3ea;margin-top:1.6em;font-size:1.2em}
table{border-collapse:collapse;width:100%;font-size:.9em}td,th{border:1px solid #e5e9ef;padding:.2em .5em;text-align:left;vertical-align:top}
th{background:#f3f5f8}td.n{text-align:right;font-variant-numeric:tabular-nums}code,.k{background:#f3f5f8;padding:0 .25em;border-radius:3px;word-break:break-all}
.tiles{display:flex;flex-wrap:wrap;gap:.8em}.tile{border:1px solid #dde3ea;border-radius:8px;padding:.4em 1em;min-width:8em}
.tile b{display:block;font-size:1.6em}.bad b{color:#c0392b}.warn b{color:#c98a1a}.muted{color:#6b7585}
button{font:inherit;padding:.2em .9em;border-radius:4px;border:1px solid #2f7dd1;background:#2f7dd1;color:#fff;cursor:pointer}
button.plain{background:#fff;color:#2f7dd1}input{font:inherit;padding:.2em .5em;width:28em;max-width:100%}
#status{margin:.6em 0}.err{color:#c0392b}[hidden]{display:none}
</style></head><body>
<h1>后台任务 Background jobs <small class="muted">read-only</small></h1>
<form id="login" autocomplete="off">
<p>输入管理员 API 密钥（仅保存在本标签页的 sessionStorage 中，关闭标签页即清除）。Enter an admin API key; it stays in this
tab's sessionStorage only and is sent as a Bearer header, never in a URL.</p>
<input id="key" type="password" autocomplete="off" spellcheck="false" placeholder="cak_…" aria-label="admin API key">
<button type="submit">查看 Show</button></form>
<div id="board" hidden>
<p><button id="refresh" type="button">刷新 Refresh</button> <button id="forget" type="button" class="plain">清除密钥 Forget key</button>
<label><input id="auto" type="checkbox"> 每 10 秒自动刷新 auto-refresh every 10 s</label></p>
</div>
<p id="status" class="muted" aria-live="polite"></p>
<div id="data" hidden>
<div class="tiles">
<div class="tile"><span>等待 Waiting</span><b id="t-waiting">–</b></div>
<div class="tile"><span>运行中 Active</span><b id="t-active">–</b></div>
<div class="tile"><span>重试等待 Delayed</span><b id="t-delayed">–</b></div>
<div class="tile warn"><span>待分发 Pending (outbox)</span><b id="t-pending">–</b></div>
<div class="tile bad"><span>失败 Failed</span><b id="t-failed">–</b></div>
<div class="tile bad"><span>卡住 Stuck</span><b id="t-stuck">–</b></div>
</div>
<p class="muted" id="meta"></p>
<h2>按任务与状态 By job and status</h2>
<table><thead><tr><th>job</th><th>pending</th><th>dispatched</th><th>done</th><th>failed</th></tr></thead><tbody id="by-job"></tbody></table>
<h2>卡住的任务 Stuck work <small class="muted">pending past due, or dispatched and not settled</small></h2>
<table><thead><tr><th>#</th><th>job</th><th>key</th><th>status</th><th>attempts</th><th>due / dispatched</th><th>last error</th></tr></thead><tbody id="stuck"></tbody></table>
<h2>最近失败 Recent failures</h2>
<table><thead><tr><th>#</th><th>job</th><th>key</th><th>attempts</th><th>finished</th><th>error</th></tr></thead><tbody id="failures"></tbody></table>
</div>
<script nonce="${nonce}">${pageScript}</script>
</body></html>`;
}

/** Plain browser JavaScript (no build step); every value from the API goes through textContent. */
const pageScript = `
(() => {
  const store = 'conversion-agent.admin-key';
  const $ = (id) => document.getElementById(id);
  let timer;
  const when = (iso) => (iso ? new Date(iso).toLocaleString() : '–');
  const cell = (text, numeric) => {
    const td = document.createElement('td');
    td.textContent = text === null || text === undefined ? '–' : String(text);
    if (numeric) td.className = 'n';
    return td;
  };
  const fill = (id, rows, columns) => {
    const body = $(id);
    body.replaceChildren();
    if (!rows.length) {
      const tr = document.createElement('tr');
      const td = cell('无 none');
      td.colSpan = columns;
      td.className = 'muted';
      tr.append(td);
      body.append(tr);
      return;
    }
    for (const cells of rows) {
      const tr = document.createElement('tr');
      tr.append(...cells);
      body.append(tr);
    }
  };
  const show = (signedIn) => {
    $('login').hidden = signedIn;
    $('board').hidden = !signedIn;
    if (!signedIn) $('data').hidden = true;
  };
  const status = (text, isError) => {
    $('status').textContent = text;
    $('status').className = isError ? 'err' : 'muted';
  };
  const render = (o) => {
    const sum = (field) => o.byJob.reduce((n, row) => n + row[field], 0);
    $('t-waiting').textContent = o.queue ? o.queue.waiting : '–';
    $('t-active').textContent = o.queue ? o.queue.active : '–';
    $('t-delayed').textContent = o.queue ? o.queue.delayed : '–';
    $('t-pending').textContent = sum('pending');
    $('t-failed').textContent = sum('failed');
    $('t-stuck').textContent = o.stuckTotal;
    $('meta').textContent =
      (o.queue ? 'runner: ' + o.queue.runner : 'runner: not in this process') +
      ' · oldest pending: ' + when(o.oldestPendingAt) + ' · updated ' + new Date().toLocaleTimeString();
    fill('by-job', o.byJob.map((r) => [cell(r.job), cell(r.pending, 1), cell(r.dispatched, 1), cell(r.done, 1), cell(r.failed, 1)]), 5);
    fill('stuck', o.stuck.map((r) => [cell(r.id, 1), cell(r.job), cell(r.key), cell(r.status), cell(r.attempts, 1),
      cell(when(r.status === 'pending' ? r.availableAt : r.dispatchedAt)), cell(r.lastError)]), 7);
    fill('failures', o.recentFailures.map((r) => [cell(r.id, 1), cell(r.job), cell(r.key), cell(r.attempts, 1),
      cell(when(r.finishedAt)), cell(r.lastError)]), 6);
    $('data').hidden = false;
  };
  const load = async () => {
    const key = sessionStorage.getItem(store);
    if (!key) return show(false);
    show(true);
    status('加载中 Loading…');
    try {
      const res = await fetch('/v1/admin/jobs', { headers: { authorization: 'Bearer ' + key, accept: 'application/json' }, cache: 'no-store' });
      if (res.status === 401) {
        sessionStorage.removeItem(store);
        show(false);
        return status('密钥无效或已吊销 The key was not accepted.', true);
      }
      if (res.status === 403) return status('需要管理员密钥 This key is not an admin key.', true);
      if (!res.ok) return status('请求失败 Request failed: HTTP ' + res.status, true);
      render(await res.json());
      status('');
    } catch (error) {
      status('无法连接 Cannot reach the service: ' + error.message, true);
    }
  };
  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    const key = $('key').value.trim();
    $('key').value = '';
    if (!key) return;
    sessionStorage.setItem(store, key);
    load();
  });
  $('refresh').addEventListener('click', load);
  $('forget').addEventListener('click', () => {
    sessionStorage.removeItem(store);
    $('auto').checked = false;
    clearInterval(timer);
    show(false);
    status('');
  });
  $('auto').addEventListener('change', () => {
    clearInterval(timer);
    if ($('auto').checked) timer = setInterval(load, 10000);
  });
  load();
})();
`;
