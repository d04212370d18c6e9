'use strict';
// The Backup console: plain DOM, no framework, no build step. Every value from the service is written as text
// (never as HTML). Credentials live in this tab's sessionStorage and go out only as an Authorization header on this
// service's own API; requests carry no cookies nor cached browser credentials (credentials: 'omit').
(() => {
  const REFRESH_MS = 2000;
  const PAGE_SIZE = 50;
  const STATES = ['COMPLETED', 'IN_PROGRESS', 'FAILED', 'INCOMPLETE', 'INCOMPATIBLE'];
  const CREDENTIALS = 'backup-console-credentials';
  // The lists the console shows. Platform backups (issue 15) become a second entry with their own paths and nav link.
  const BACKUPS = {
    list: '/actuator/console/api/backups',
    one: '/actuator/console/api/backups/',
    create: '/actuator/backups',
    remove: '/actuator/backups/',
  };

  const $ = (id) => document.getElementById(id);
  let session = null;
  let refreshTimer = 0;
  let generation = 0;
  let notice = null;

  class ConsoleError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  // h('p', { class: 'x' }, 'text', child) -> element; null and false children are skipped.
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
      else element.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : String(child));
    }
    return element;
  }

  function authorization() {
    const saved = sessionStorage.getItem(CREDENTIALS);
    if (!saved) return null;
    const credentials = JSON.parse(saved);
    if (credentials.apiKey) return 'ApiKey ' + credentials.apiKey;
    const bytes = new TextEncoder().encode(credentials.username + ':' + credentials.password);
    return 'Basic ' + btoa(String.fromCharCode(...bytes));
  }

  async function call(path, { method = 'GET', body, answersWhenDown = false } = {}) {
    const headers = { Accept: 'application/json' };
    const auth = authorization();
    if (auth) headers.Authorization = auth;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit', cache: 'no-store' });
    } catch (e) {
      throw new ConsoleError(0, 'The Backup service cannot be reached (' + e.message + '). Is it running?');
    }
    if (response.status === 401) {
      showSignIn(sessionStorage.getItem(CREDENTIALS) ? 'These credentials were not accepted.' : '');
      throw new ConsoleError(401, 'Sign in to continue.');
    }
    const text = await response.text();
    let json = null;
    try { json = text ? JSON.parse(text) : null; } catch { json = null; }
    if (!response.ok && !(answersWhenDown && response.status === 503 && json)) {
      throw new ConsoleError(response.status, (json && (json.message || json.detail)) || (response.status + ' ' + response.statusText));
    }
    return json;
  }

  // ---- formatting ----
  const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
  function time(iso) {
    if (!iso) return h('span', { class: 'muted' }, '—');
    const date = new Date(iso);
    return h('time', { datetime: date.toISOString(), title: date.toISOString() }, timeFormat.format(date));
  }
  function duration(ms) {
    if (ms === null || ms === undefined) return '—';
    const s = ms / 1000;
    if (s < 60) return s.toFixed(s < 10 ? 1 : 0) + ' s';
    const m = Math.floor(s / 60);
    if (m < 60) return m + ' min ' + Math.round(s % 60) + ' s';
    const hours = Math.floor(m / 60);
    if (hours < 48) return hours + ' h ' + (m % 60) + ' min';
    return Math.floor(hours / 24) + ' days ' + (hours % 24) + ' h';
  }
  const number = (n) => new Intl.NumberFormat().format(n);
  const badge = (state) => h('span', { class: 'state ' + (state || 'UNKNOWN') }, state || 'UNKNOWN');
  function banner(kind, ...content) {
    return h('div', { class: 'banner ' + kind, role: kind === 'ok' ? 'status' : 'alert' }, ...content);
  }
  function announce(text) { $('status').textContent = text; }

  // ---- sign-in ----
  function showSignIn(error) {
    clearTimeout(refreshTimer);
    $('view').replaceChildren();
    $('sign-in').hidden = false;
    $('sign-in-error').textContent = error || '';
    $('who').hidden = true;
    $('sign-out').hidden = true;
    $('username').focus();
  }

  function wireSignIn() {
    const form = $('sign-in-form');
    form.addEventListener('change', () => {
      const kind = form.elements.kind.value;
      for (const part of form.querySelectorAll('[data-kind]')) part.hidden = part.dataset.kind !== kind;
    });
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const kind = form.elements.kind.value;
      const credentials = kind === 'key'
        ? { apiKey: form.elements.apiKey.value }
        : { username: form.elements.username.value, password: form.elements.password.value };
      sessionStorage.setItem(CREDENTIALS, JSON.stringify(credentials));
      form.reset();
      form.dispatchEvent(new Event('change'));
      await start();
    });
    $('sign-out').addEventListener('click', () => {
      sessionStorage.removeItem(CREDENTIALS);
      session = null;
      showSignIn('');
    });
  }

  // ---- confirmation dialog ----
  function confirmAction({ title, body, ok, danger, run, onInput }) {
    const dialog = $('confirm');
    const opener = document.activeElement;
    $('confirm-title').textContent = title;
    $('confirm-body').replaceChildren(...body);
    $('confirm-error').textContent = '';
    const button = $('confirm-ok');
    button.textContent = ok();
    button.className = danger ? 'danger' : 'primary';
    button.disabled = false;
    const refreshLabel = () => { button.textContent = ok(); if (onInput) onInput(button); };
    $('confirm-body').oninput = refreshLabel;
    $('confirm-form').onsubmit = async (event) => {
      event.preventDefault();
      button.disabled = true;
      try {
        await run();
        dialog.close();
      } catch (e) {
        $('confirm-error').textContent = e.message;
        button.disabled = false;
      }
    };
    $('confirm-cancel').onclick = () => dialog.close();
    dialog.onclose = () => { if (opener && opener.isConnected) opener.focus(); };
    dialog.showModal();
    const field = dialog.querySelector('#confirm-body input');
    (field || $('confirm-cancel')).focus();
  }

  // A write button, disabled with its reason beside it for read-only credentials.
  function writeButton(label, id, onclick, extraClass) {
    const reasonId = id + '-reason';
    const button = h('button', { type: 'button', id, class: extraClass || 'primary', onclick, disabled: !session.canWrite, 'aria-describedby': session.canWrite ? null : reasonId }, label);
    return h('div', { class: 'actions' }, button, session.canWrite ? null : h('p', { class: 'reason', id: reasonId }, session.readOnlyReason));
  }

  function backUpNow() {
    const proposed = String(Math.floor(Date.now() / 1000));
    const input = h('input', { id: 'new-backup-id', inputmode: 'numeric', value: proposed, 'aria-describedby': 'new-backup-hint', required: true, pattern: '[0-9]+' });
    const idOf = () => input.value.trim();
    confirmAction({
      title: 'Back up now',
      body: [
        h('label', { for: 'new-backup-id' }, 'Backup id'),
        input,
        h('p', { id: 'new-backup-hint', class: 'muted' }, 'Proposed: now in unix seconds, as the schedule names its backups. Digits only.'),
        h('p', {}, 'This starts a backup of the ', h('strong', {}, session.component), ' indices into repository ',
          h('code', {}, session.repository || '(none configured)'),
          ': one snapshot per part, taken one after another. Only one backup runs at a time; it appears as IN_PROGRESS until every part is done.'),
      ],
      ok: () => 'Start backup ' + (idOf() || '…'),
      onInput: (button) => { button.disabled = !/^[0-9]+$/.test(idOf()); },
      run: async () => {
        const id = idOf();
        if (!/^[0-9]+$/.test(id)) throw new ConsoleError(400, 'A backup id is a non-negative whole number.');
        await call(BACKUPS.create, { method: 'POST', body: { backupId: id } });
        notice = { kind: 'ok', text: 'Backup ' + id + ' started.' };
        location.hash = '#/backups/' + id;
      },
    });
  }

  function deleteBackup(backup, parts) {
    confirmAction({
      title: 'Delete backup ' + backup.backupId + '?',
      body: [
        h('p', {}, 'This deletes the ', h('strong', {}, parts.length + ' snapshot' + (parts.length === 1 ? '' : 's')),
          ' of backup ' + backup.backupId + ' (' + backup.state + ') from repository ', h('code', {}, session.repository || ''), ':'),
        h('ul', {}, parts.map((p) => h('li', {}, h('code', {}, p.snapshot)))),
        h('p', {}, h('strong', {}, 'A deleted backup cannot be restored.'), ' No other backup, snapshot or index is touched.'),
      ],
      ok: () => 'Delete backup ' + backup.backupId,
      danger: true,
      run: async () => {
        await call(BACKUPS.remove + encodeURIComponent(backup.backupId), { method: 'DELETE' });
        notice = { kind: 'ok', text: 'Backup ' + backup.backupId + ' was deleted.' };
        location.hash = '#/backups';
      },
    });
  }

  // ---- views ----
  function takeNotice() {
    const shown = notice;
    notice = null;
    if (shown) announce(shown.text);
    return shown ? banner(shown.kind, shown.text) : null;
  }

  function freshness(overview, health) {
    const items = [];
    const engine = health && health.components && health.components.engine;
    if (engine && engine.status === 'DOWN') {
      items.push(banner('bad', h('strong', {}, 'Engine DOWN: '), (engine.details && engine.details.error) || 'the engine cannot be reached.',
        ' Backups cannot be listed, taken or deleted until it is back.'));
    }
    const repository = health && health.components && health.components.repository;
    if (repository && repository.status === 'DOWN' && !(engine && engine.status === 'DOWN')) {
      items.push(banner('bad', h('strong', {}, 'Repository DOWN: '), (repository.details && repository.details.error) || ''));
    }
    if (overview && overview.warning) items.push(banner('warn', h('strong', {}, 'Check your backups: '), overview.warning));
    return items;
  }

  function lastCompletedText(overview) {
    if (!overview || !overview.lastCompletedAt) return 'No COMPLETED backup yet';
    const age = new Date(overview.now) - new Date(overview.lastCompletedAt);
    return 'Last COMPLETED backup ended ' + duration(age) + ' ago';
  }

  async function showList(params) {
    const mine = generation;
    const state = params.get('state') || '';
    const pattern = params.get('pattern') || '';
    const page = Math.max(0, parseInt(params.get('page') || '0', 10) || 0);
    document.title = 'Backups · Backup console';

    const stateSelect = h('select', { id: 'state-filter', name: 'state' },
      h('option', { value: '' }, 'All states'), STATES.map((s) => h('option', { value: s, selected: s === state }, s)));
    const patternInput = h('input', { id: 'pattern-filter', name: 'pattern', value: pattern, inputmode: 'numeric', placeholder: 'e.g. 1764*', 'aria-describedby': 'pattern-hint', autocomplete: 'off' });
    let typing = 0;
    const apply = () => {
      const next = new URLSearchParams();
      if (stateSelect.value) next.set('state', stateSelect.value);
      if (patternInput.value.trim()) next.set('pattern', patternInput.value.trim());
      location.hash = '#/backups' + (next.toString() ? '?' + next : '');
    };
    stateSelect.addEventListener('change', apply);
    patternInput.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(apply, 400); });
    const filters = h('form', { class: 'filters toolbar', role: 'search', 'aria-label': 'Filter backups', onsubmit: (e) => { e.preventDefault(); apply(); } },
      h('div', {}, h('label', { for: 'state-filter' }, 'State'), stateSelect),
      h('div', {}, h('label', { for: 'pattern-filter' }, 'Id pattern'), patternInput,
        h('p', { id: 'pattern-hint', class: 'visually-hidden' }, 'A backup id, or its first digits followed by a star.')),
      writeButton('Back up now', 'back-up-now', backUpNow));
    const summary = h('div', { id: 'summary' });
    const results = h('div', { id: 'results', 'aria-busy': 'true' }, h('p', { class: 'muted' }, 'Loading backups…'));
    $('view').replaceChildren(...[h('h1', {}, 'Backups'), takeNotice(), summary, filters, results].filter(Boolean));

    const load = async () => {
      const query = new URLSearchParams({ offset: String(page * PAGE_SIZE), limit: String(PAGE_SIZE) });
      if (state) query.set('state', state);
      if (pattern) query.set('pattern', pattern);
      // Health and the overview are shown as soon as they answer: an engine outage makes the list slow to fail.
      const overview = call('/actuator/console/api/overview').catch(() => null);
      const health = call('/actuator/health', { answersWhenDown: true }).catch(() => null);
      Promise.all([overview, health]).then(([o, hv]) => {
        if (mine === generation) summary.replaceChildren(...freshness(o, hv), h('p', { class: 'muted', id: 'last-completed' }, lastCompletedText(o)));
      });
      let list;
      try {
        list = await call(BACKUPS.list + '?' + query);
      } catch (e) {
        if (mine !== generation || e.status === 401) return;
        results.setAttribute('aria-busy', 'false');
        results.replaceChildren(banner('bad', h('strong', {}, 'The backups could not be listed: '), e.message));
        refreshTimer = setTimeout(load, REFRESH_MS * 5);
        return;
      }
      if (mine !== generation) return;
      results.setAttribute('aria-busy', 'false');
      results.replaceChildren(...listTable(list, page, state, pattern));
      if (list.anyInProgress) refreshTimer = setTimeout(load, REFRESH_MS);
    };
    await load();
  }

  function listTable(result, page, state, pattern) {
    const counts = STATES.filter((s) => result.states[s]).map((s) => number(result.states[s]) + ' ' + s).join(' · ');
    if (result.matched === 0) {
      return [h('p', { id: 'empty' }, state || pattern ? 'No backup matches these filters.' : 'There is no backup yet. “Back up now” starts the first.')];
    }
    const first = result.offset + 1;
    const last = result.offset + result.backups.length;
    const rows = result.backups.map((b) => h('tr', { 'data-backup-id': b.backupId },
      h('td', { 'data-label': 'Id' }, h('a', { href: '#/backups/' + b.backupId, class: 'mono' }, b.backupId)),
      h('td', { 'data-label': 'State' }, badge(b.state)),
      h('td', { 'data-label': 'Started' }, time(b.start)),
      h('td', { 'data-label': 'Duration' }, b.state === 'IN_PROGRESS' ? 'running' : duration(b.durationMs)),
      h('td', { 'data-label': 'Parts done' }, h('span', { class: 'parts' },
        h('progress', { max: b.partCount, value: b.partsDone, 'aria-hidden': 'true' }), b.partsDone + ' of ' + b.partCount)),
      h('td', { 'data-label': 'Failure reason', class: 'reason-cell' }, b.failureReason || '')));
    const pages = Math.ceil(result.matched / result.limit);
    const go = (to) => () => {
      const next = new URLSearchParams();
      if (state) next.set('state', state);
      if (pattern) next.set('pattern', pattern);
      next.set('page', String(to));
      location.hash = '#/backups?' + next;
    };
    return [
      h('table', { class: 'backups' },
        h('caption', { id: 'list-caption' }, 'Backups ' + number(first) + '–' + number(last) + ' of ' + number(result.matched)
          + (counts ? ' (' + counts + ')' : '') + ', most recently started first'),
        h('thead', {}, h('tr', {}, ['Id', 'State', 'Started', 'Duration', 'Parts done', 'Failure reason'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, rows)),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', id: 'previous-page', disabled: page === 0, onclick: go(page - 1) }, '← Newer'),
        h('span', {}, 'Page ' + number(page + 1) + ' of ' + number(pages)),
        h('button', { type: 'button', id: 'next-page', disabled: page + 1 >= pages, onclick: go(page + 1) }, 'Older →'),
        result.anyInProgress ? h('span', { class: 'muted', id: 'auto-refresh' }, 'Refreshing every ' + REFRESH_MS / 1000 + ' s while a backup is IN_PROGRESS') : null),
    ];
  }

  async function showOne(id) {
    const mine = generation;
    document.title = 'Backup ' + id + ' · Backup console';
    const shownNotice = takeNotice();
    $('view').replaceChildren(...[h('p', {}, h('a', { href: '#/backups' }, '← All backups')), h('h1', {}, 'Backup ', h('span', { class: 'mono' }, id)), shownNotice,
      h('p', { class: 'muted' }, 'Loading…')].filter(Boolean));
    const load = async () => {
      let detail;
      try {
        detail = await call(BACKUPS.one + encodeURIComponent(id));
      } catch (e) {
        if (mine !== generation || e.status === 401) return;
        $('view').replaceChildren(h('p', {}, h('a', { href: '#/backups' }, '← All backups')), h('h1', {}, 'Backup ', h('span', { class: 'mono' }, id)),
          banner('bad', h('strong', {}, 'This backup could not be read: '), e.message));
        return;
      }
      if (mine !== generation) return;
      renderOne(detail, shownNotice);
      if (detail.backup.state === 'IN_PROGRESS') refreshTimer = setTimeout(load, REFRESH_MS);
      else announce('Backup ' + id + ' is ' + detail.backup.state + '.');
    };
    await load();
  }

  function renderOne(detail, shownNotice) {
    const b = detail.backup;
    const starts = detail.parts.map((p) => p.start && Date.parse(p.start)).filter(Boolean);
    const ends = detail.parts.map((p) => p.end && Date.parse(p.end)).filter(Boolean);
    const from = Math.min(...starts);
    const to = Math.max(...ends, ...starts, from + 1);
    const timeline = h('ol', { class: 'timeline', id: 'timeline' }, detail.parts.map((p) => {
      const begin = p.start ? Date.parse(p.start) : from;
      const finish = p.end ? Date.parse(p.end) : to;
      const bar = h('span', { class: p.state || '' });
      bar.style.left = ((begin - from) / (to - from) * 100).toFixed(2) + '%';
      bar.style.width = (Math.max(finish - begin, 0) / (to - from) * 100).toFixed(2) + '%';
      return h('li', {},
        h('div', {}, h('strong', {}, 'Part ' + p.partNumber), ' ', badge(p.state), h('br'), h('code', { class: 'muted' }, p.snapshot)),
        h('div', {},
          h('div', { class: 'bar', 'aria-hidden': 'true' }, bar),
          h('p', {}, 'Started ', time(p.start), ' · ended ', time(p.end), ' · ', p.durationMs === null ? 'running' : duration(p.durationMs)),
          h('details', {}, h('summary', {}, p.indices.length + ' ind' + (p.indices.length === 1 ? 'ex' : 'ices')),
            h('ul', {}, p.indices.map((i) => h('li', {}, h('code', {}, i))))),
          p.failures.length ? h('div', { class: 'error' }, h('p', {}, p.failures.length + ' shard failure' + (p.failures.length === 1 ? '' : 's') + ':'),
            h('ul', {}, p.failures.map((f) => h('li', {}, f)))) : null));
    }));
    $('view').replaceChildren(h('div', {},
      h('p', {}, h('a', { href: '#/backups' }, '← All backups')),
      h('h1', {}, 'Backup ', h('span', { class: 'mono' }, b.backupId), ' ', badge(b.state)),
      shownNotice,
      h('div', { class: 'grid' },
        h('div', { class: 'card' }, h('dl', { class: 'facts' },
          h('dt', {}, 'State'), h('dd', { id: 'backup-state' }, b.state),
          h('dt', {}, 'Component'), h('dd', {}, b.component),
          h('dt', {}, 'Started'), h('dd', {}, time(b.start)),
          h('dt', {}, 'Ended'), h('dd', {}, time(b.end)),
          h('dt', {}, 'Duration'), h('dd', {}, b.state === 'IN_PROGRESS' ? 'running' : duration(b.durationMs)),
          h('dt', {}, 'Parts done'), h('dd', {}, b.partsDone + ' of ' + b.partCount),
          b.failureReason ? [h('dt', {}, 'Failure reason'), h('dd', { class: 'error' }, b.failureReason)] : null)),
        h('div', { class: 'card' }, h('p', {}, 'Deleting removes every part of this backup from the repository, and nothing else.'),
          writeButton('Delete backup…', 'delete-backup', () => deleteBackup(b, detail.parts), 'danger'))),
      h('h2', {}, 'Timeline of its parts'),
      b.state === 'IN_PROGRESS' ? h('p', { class: 'muted' }, 'Refreshing every ' + REFRESH_MS / 1000 + ' s until every part is done.') : null,
      timeline,
      h('h2', {}, 'Restore'),
      restoreSection(detail.restore)));
  }

  function restoreSection(restore) {
    const copy = (text) => h('button', { type: 'button', onclick: async (e) => {
      try { await navigator.clipboard.writeText(text); e.target.textContent = 'Copied'; } catch { e.target.textContent = 'Select the command to copy it'; }
    } }, 'Copy command');
    const parts = restore.parts.length
      ? h('ol', { id: 'restore-plan' }, restore.parts.map((p) => h('li', {}, h('code', {}, p.snapshot), ': restores ' + p.indices.length + ' ind' + (p.indices.length === 1 ? 'ex' : 'ices'))))
      : null;
    return h('div', { class: 'card', id: 'restore' },
      h('p', {}, 'What ', h('code', {}, 'backup restore --dry-run'), ' says, with the service stopped:'),
      restore.canRestore
        ? banner(restore.refusal ? 'warn' : 'ok', restore.refusal || 'The restore can go ahead: none of the backup\'s indices exists.')
        : banner('bad', restore.refusal || 'This backup cannot be restored.'),
      parts,
      restore.existing.length ? h('p', {}, restore.existing.length + ' indices exist already and would be deleted first (--delete-existing).') : null,
      restore.foreign.length ? h('p', { class: 'error' }, 'Indices that are not the component\'s own: ' + restore.foreign.join(', ')) : null,
      h('p', {}, 'Check first:'), h('pre', {}, h('code', { id: 'dry-run-command' }, restore.dryRunCommand)),
      restore.canRestore ? [h('p', {}, 'Then, with Operate and Tasklist stopped:'), h('pre', {}, h('code', { id: 'restore-command' }, restore.command)), copy(restore.command)] : null);
  }

  async function showOperations() {
    const mine = generation;
    document.title = 'Schedule & health · Backup console';
    $('view').replaceChildren(h('h1', {}, 'Schedule & health'), h('p', { class: 'muted' }, 'Loading…'));
    const [overview, health, retention] = await Promise.allSettled([
      call('/actuator/console/api/overview'),
      call('/actuator/health', { answersWhenDown: true }),
      call('/actuator/retention'),
    ]);
    if (mine !== generation) return;
    const o = overview.status === 'fulfilled' ? overview.value : null;
    const hv = health.status === 'fulfilled' ? health.value : null;
    const components = (hv && hv.components) || {};
    const scheduleDetails = (components.schedule && components.schedule.details) || {};
    const lastRun = scheduleDetails.lastRun;

    const healthCard = h('section', { class: 'card', 'aria-labelledby': 'health-title', id: 'health' }, h('h2', { id: 'health-title' }, 'Health'),
      hv ? h('dl', { class: 'facts' }, ['engine', 'repository'].map((name) => {
        const c = components[name] || {};
        const details = c.details || {};
        const text = details.error || Object.entries(details).map(([k, v]) => k + ': ' + v).join(', ');
        return [h('dt', {}, name === 'engine' ? 'Engine' : 'Repository'), h('dd', { id: name + '-health' }, badge(c.status), ' ', text)];
      })) : banner('bad', 'Health could not be read: ' + health.reason.message));

    const scheduleCard = h('section', { class: 'card', 'aria-labelledby': 'schedule-title', id: 'schedule' }, h('h2', { id: 'schedule-title' }, 'Schedule'),
      o && o.scheduleEnabled
        ? h('dl', { class: 'facts' },
          h('dt', {}, 'Cron'), h('dd', {}, h('code', {}, o.cron), ' in ', o.timeZone),
          h('dt', {}, 'Next run'), h('dd', { id: 'next-run' }, time(o.nextRun)),
          h('dt', {}, 'The one after'), h('dd', {}, time(o.runAfterNext)),
          h('dt', {}, 'Last run'), h('dd', {}, lastRun ? [time(lastRun.tick), ' · backup ', lastRun.backupId, ' · ', lastRun.outcome, lastRun.reason ? ' · ' + lastRun.reason : ''] : 'none since the service started'))
        : h('p', {}, 'No schedule: backups start only when asked. Set ', h('code', {}, 'Backup:Schedule:Cron'), ' to take them on a schedule.'),
      h('p', { id: 'last-completed' }, lastCompletedText(o)),
      ...freshness(o, null));

    let retentionContent;
    if (retention.status === 'rejected') {
      retentionContent = banner('bad', 'Retention could not be planned: ' + retention.reason.message);
    } else {
      const r = retention.value;
      const policy = r.policy;
      retentionContent = [
        h('p', { id: 'retention-message' }, r.message),
        r.enabled ? h('dl', { class: 'facts' },
          h('dt', {}, 'Keep at most'), h('dd', {}, policy.maxCount === null ? 'no limit' : policy.maxCount + ' COMPLETED backups'),
          h('dt', {}, 'Keep for'), h('dd', {}, policy.maxAge || 'no limit'),
          h('dt', {}, 'Always keep'), h('dd', {}, 'the newest ' + policy.minCount + ' COMPLETED'),
          h('dt', {}, 'Failed ones kept for'), h('dd', {}, policy.failedGracePeriod),
          h('dt', {}, 'Runs every'), h('dd', {}, policy.interval)) : null,
        r.deletions.length ? h('table', { id: 'retention-deletions' },
          h('caption', {}, 'The next run deletes'),
          h('thead', {}, h('tr', {}, ['Backup', 'State', 'Started', 'Why'].map((c) => h('th', { scope: 'col' }, c)))),
          h('tbody', {}, r.deletions.map((d) => h('tr', {},
            h('td', {}, h('a', { href: '#/backups/' + d.backupId, class: 'mono' }, d.backupId)), h('td', {}, badge(d.state)),
            h('td', {}, d.startTime), h('td', {}, d.reason))))) : null,
      ];
    }
    const retentionCard = h('section', { class: 'card', 'aria-labelledby': 'retention-title', id: 'retention' }, h('h2', { id: 'retention-title' }, 'Retention'), retentionContent);
    $('view').replaceChildren(h('h1', {}, 'Schedule & health'), h('div', { class: 'grid' }, healthCard, scheduleCard), retentionCard);
  }

  // ---- routing ----
  async function route() {
    clearTimeout(refreshTimer);
    generation++;
    if (!session) return;
    const [path, query] = (location.hash.slice(1) || '/backups').split('?');
    const params = new URLSearchParams(query || '');
    const one = /^\/backups\/([^/]+)$/.exec(path);
    for (const link of document.querySelectorAll('[data-nav]')) {
      const current = link.dataset.nav === (path.startsWith('/operations') ? 'operations' : 'backups');
      if (current) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
    }
    try {
      if (one) await showOne(decodeURIComponent(one[1]));
      else if (path.startsWith('/operations')) await showOperations();
      else await showList(params);
    } catch (e) {
      if (e.status !== 401) $('view').replaceChildren(banner('bad', e.message));
    }
  }

  async function start() {
    if (document.documentElement.dataset.auth === 'required' && !sessionStorage.getItem(CREDENTIALS)) {
      showSignIn('');
      return;
    }
    try {
      session = await call('/actuator/console/api/session');
    } catch (e) {
      if (e.status !== 401) $('view').replaceChildren(banner('bad', e.message));
      return;
    }
    $('sign-in').hidden = true;
    const who = $('who');
    who.hidden = false;
    who.textContent = session.component + ' · ' + (session.repository || 'no repository') + ' · '
      + (session.canWrite ? (session.authRequired ? 'read and write' : 'open: no credentials required') : 'read only');
    $('sign-out').hidden = !session.authRequired;
    await route();
  }

  window.addEventListener('hashchange', () => { route(); });
  wireSignIn();
  start();
})();
