// The index page: filters (genre, paper, date range) over the list, and the search over the index in search/.
// Index files are loaded as <script> elements (they call BriefingsSearch.receive), which works from file:// too;
// nothing is fetched from anywhere else. Hits are put into the page as text nodes, never as markup.
/* global window, document, history, location, setTimeout, clearTimeout */
(function () {
  'use strict';
  const S = window.BriefingsSearch;
  const form = document.getElementById('finder');
  if (!S || !form) return;
  const $ = (id) => document.getElementById(id);
  const input = $('q');
  const genre = $('f-genre');
  const paper = $('f-paper');
  const from = $('f-from');
  const to = $('f-to');
  const status = $('status');
  const table = $('articles');
  const results = $('results');
  const list = $('result-list');
  const more = $('more');
  const rows = Array.from(table.querySelectorAll('tbody tr'));
  const byDoc = new Map(rows.map((r) => [Number(r.dataset.doc), r]));
  const PAGE = 20;
  const base = form.dataset.searchBase;

  S.setTransport(
    (name) =>
      new Promise((resolve, reject) => {
        const el = document.createElement('script');
        el.src = `${base}${name}.js`;
        el.onload = () => {
          el.remove();
          resolve();
        };
        el.onerror = () => {
          el.remove();
          reject(new Error(`could not load ${el.src}`));
        };
        document.head.appendChild(el);
      }),
  );
  form.hidden = false;

  function passes(row) {
    const d = row.dataset;
    if (genre.value && d.genre !== genre.value) return false;
    if (paper.value === '-' ? d.paper !== '' : paper.value && d.paper !== paper.value) return false;
    if ((from.value || to.value) && !d.date) return false;
    if (from.value && d.date < from.value) return false;
    if (to.value && d.date > to.value) return false;
    return true;
  }

  function say(text) {
    status.textContent = text;
  }

  function element(tag, className, children) {
    const el = document.createElement(tag);
    if (className) el.className = className;
    for (const c of children || []) el.append(c);
    return el;
  }

  /** Pieces from the core → text nodes and <mark> elements. */
  function marked(pieces) {
    return pieces.map((p) => (p.hit ? element('mark', '', [p.text]) : document.createTextNode(p.text)));
  }

  let current = null;
  let matching = [];
  let shown = 0;
  let seq = 0;

  function showList() {
    let n = 0;
    for (const r of rows) {
      r.hidden = !passes(r);
      if (!r.hidden) n++;
    }
    results.hidden = true;
    table.hidden = false;
    say(
      n === rows.length
        ? `${n} 篇 · ${n} briefings`
        : `显示 ${n} / ${rows.length} 篇 · ${n} of ${rows.length} briefings`,
    );
  }

  function resultItem(hit) {
    const row = byDoc.get(hit.doc);
    const link = row.querySelector('.title-zh a');
    const en = row.querySelector('.title-en .en-inline');
    const title = element('a', 'result-title', marked(S.highlight(link.textContent, 'zh', current.terms)));
    title.href = link.getAttribute('href');
    title.lang = 'zh-Hans';
    const head = element('p', 'result-head', [title]);
    if (en) {
      const span = element('span', 'en-inline', marked(S.highlight(en.textContent, 'en', current.terms)));
      span.lang = 'en';
      head.append(' ', span);
    }
    const date = row.dataset.date || form.dataset.undated;
    const facts = [date, row.querySelector('.genre').textContent, row.dataset.paper || form.dataset.unknownPaper];
    const meta = element('p', 'result-meta', [facts.join(' · ')]);
    const apart = () => meta.append(' · 字词分散 · words apart');
    if (!hit.exact && !hit.maybe) apart();
    const passage = element('p', 'result-passage', ['…']);
    const item = element('li', hit.exact ? 'result' : 'result result--apart', [head, meta, passage]);
    pendingPassage.set(item, { doc: hit.doc, terms: current.terms, passage, maybe: hit.maybe, apart });
    visible.observe(item);
    return item;
  }

  // A result's passage needs its article's stored text: loaded when the result comes into view, not before.
  const pendingPassage = new Map();
  const visible = new window.IntersectionObserver((entries) => {
    for (const entry of entries) {
      const job = entry.isIntersecting && pendingPassage.get(entry.target);
      if (!job) continue;
      pendingPassage.delete(entry.target);
      visible.unobserve(entry.target);
      S.loadDocument(job.doc).then(
        (stored) => {
          const p = S.passage(stored, job.terms, 110);
          job.passage.replaceChildren(...(p ? [p.before ? '…' : '', ...marked(p.pieces), p.after ? '…' : ''] : []));
          if (p) job.passage.lang = p.lang === 'zh' ? 'zh-Hans' : 'en';
          // The index could not settle it; the stored text does.
          if (job.maybe && !(p && p.exact)) job.apart();
        },
        () => job.passage.replaceChildren(),
      );
    }
  });

  function showMore() {
    const next = matching.slice(shown, shown + PAGE);
    list.append(...next.map(resultItem));
    shown += next.length;
    more.hidden = shown >= matching.length;
  }

  function showResults() {
    matching = current.results.filter((r) => byDoc.has(r.doc) && passes(byDoc.get(r.doc)));
    for (const item of pendingPassage.keys()) visible.unobserve(item);
    pendingPassage.clear();
    list.replaceChildren();
    shown = 0;
    table.hidden = true;
    results.hidden = false;
    showMore();
    const exact = matching.filter((r) => r.exact).length;
    const apart = matching.length - exact;
    say(
      matching.length === 0
        ? `没有找到“${current.query}” · nothing found for “${current.query}”`
        : `找到 ${matching.length} 篇 · ${matching.length} found` +
            (apart ? `（${exact} 篇完整匹配 · ${exact} as written）` : ''),
    );
  }

  function refresh() {
    if (current) showResults();
    else showList();
  }

  async function run(query) {
    const mine = ++seq;
    const q = query.trim();
    try {
      history.replaceState(null, '', q ? `#q=${encodeURIComponent(q)}` : location.pathname + location.search);
    } catch {
      // Some browsers refuse history changes on file:// pages; the search works without it.
    }
    if (!q) {
      current = null;
      refresh();
      return;
    }
    say('正在搜索… · searching…');
    try {
      const answer = await S.search(q);
      if (mine !== seq) return;
      if (answer.terms.length === 0) {
        current = null;
        showList();
        say('请输入至少两个字或一个英文词 · type at least two characters or an English word');
        return;
      }
      current = { query: q, terms: answer.terms, results: answer.results };
      showResults();
      if (answer.meta.version !== form.dataset.searchVersion)
        say(`${status.textContent} — 搜索索引与列表不一致，请重新生成 · the search index is out of date`);
    } catch (error) {
      if (mine !== seq) return;
      current = null;
      showList();
      say(`搜索索引无法加载 · the search index could not be loaded (${error.message})`);
    }
  }

  let timer = 0;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => run(input.value), 180);
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    clearTimeout(timer);
    run(input.value);
  });
  form.addEventListener('reset', () => setTimeout(() => run(''), 0));
  for (const control of [genre, paper, from, to]) control.addEventListener('change', refresh);
  more.addEventListener('click', showMore);

  const hash = decodeURIComponent(location.hash.slice(1));
  if (hash.startsWith('q=')) {
    input.value = hash.slice(2);
    run(input.value);
  } else {
    if (hash === 'search') input.focus();
    showList();
  }
})();
