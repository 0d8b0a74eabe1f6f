// The staff page: shows what the pipeline made of an input and sends each correction to the studio as it is made.
// Text from the input is only ever set as text (textContent, form values), never as markup.
/* global document, fetch, URLSearchParams, DOMParser, history, location, localStorage, setTimeout, clearTimeout */
/* global btoa */

const GENRES = [
  ['resolution', '全会决议', 'Plenary resolution'],
  ['press-conference', '新闻发布会', 'Press conference'],
  ['action-plan', '行动方案', 'Action plan'],
  ['news', '新闻', 'News'],
  ['commentary', '评论', 'Commentary'],
  ['feature', '专题', 'Feature'],
  ['other', '其他', 'Other'],
];
const ROLES = {
  heading: '小标题 · Heading',
  paragraph: '段落 · Paragraph',
  preamble: '导语 · Preamble',
  clause: '条款 · Clause',
  question: '问 · Question',
  answerLead: '答（提要） · Answer summary',
  answer: '答 · Answer',
  item: '条目 · Item',
  point: '要点 · Point',
};
const MARKS = [
  ['', '— 不改 · no mark —'],
  ['question', '问 · Question'],
  ['answer', '答 · Answer'],
  ['clause', '条款 · Clause'],
  ['item', '条目 · Item'],
  ['paragraph', '普通段落 · Plain paragraph'],
];
const STATUS = {
  rule: '规则 · rule',
  memory: '记忆 · memory',
  engine: '引擎 · engine',
  reviewed: '已审 · reviewed',
  pending: '待译 · pending',
};

const state = {
  sources: [],
  publish: false,
  file: null,
  view: null,
  article: 0,
  tab: 'edits',
  pdfTimer: null,
  job: null,
};
const $ = (id) => document.getElementById(id);

/** An element with attributes and children; strings become text nodes, so input text is never parsed as HTML. */
function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else if (key === 'dataset') Object.assign(node.dataset, value);
    else if (key === 'value') node.value = value;
    else node.setAttribute(key, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(
      typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child,
    );
  }
  return node;
}

const bi = (zh, en) => [zh, ' · ', h('span', { lang: 'en' }, en)];
/** White space made visible: a removed line break or full-width space must show. */
const visible = (s) =>
  s
    .replace(/\n/g, '⏎')
    .replace(/\u3000/g, '□')
    .replace(/\u00a0/g, '⍽');

function showError(message) {
  const banner = $('banner');
  banner.replaceChildren(
    h('span', {}, message),
    h('button', { type: 'button', onclick: () => (banner.hidden = true) }, '×'),
  );
  banner.hidden = false;
}

function saved(text) {
  $('saved').textContent = text;
}

async function api(path, body) {
  const init =
    body === undefined
      ? {}
      : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) };
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({ error: `${response.status} ${response.statusText}` }));
  if (!response.ok) throw new Error(data.error ?? `${response.status}`);
  return data;
}

// ---- where we are: kept in the address so a reload comes back to the same place ----

function writeHash() {
  const params = new URLSearchParams();
  if (state.file) params.set('file', state.file);
  params.set('article', String(state.article));
  params.set('tab', state.tab);
  history.replaceState(null, '', `#${params}`);
}

function readHash() {
  const params = new URLSearchParams(location.hash.slice(1));
  return {
    file: params.get('file'),
    article: Number(params.get('article') ?? 0) || 0,
    tab: params.get('tab') ?? 'edits',
  };
}

// ---- loading ----

async function loadState(select) {
  const data = await api('/api/state');
  state.sources = data.sources;
  state.publish = data.publish;
  const picker = $('source');
  picker.replaceChildren(
    ...data.sources.map((s) =>
      h('option', { value: s.file, selected: s.file === select }, s.file, s.reviewed ? ' ✎' : ''),
    ),
  );
  if (data.sources.length === 0) picker.append(h('option', { value: '' }, '（文件夹是空的 · the folder is empty）'));
}

async function openSource(file, view) {
  state.file = file;
  $('source').value = file;
  try {
    setView(view ?? (await api(`/api/sources/${encodeURIComponent(file)}`)));
  } catch (error) {
    showError(error.message);
  }
}

function setView(view) {
  state.view = view;
  state.article = Math.min(state.article, Math.max(0, view.articles.length - 1));
  prefetchFonts(view.articles[state.article]);
  restoreDrafts();
  render();
  watchPdf();
}

/**
 * Loads the font slices a text needs into the preview's own document (or, before it holds a page, this one's, so
 * the preview finds them in the browser's cache): done while the studio makes the page, the page then shows at
 * once (its fonts are set to block until loaded). Each face gets only the text set in it.
 */
function warmFonts(faces) {
  const fonts = (swappableDocument() ?? document).fonts;
  if (!fonts?.load) return;
  for (const [family, weight, text] of faces) {
    const chars = [...new Set(text)].join('');
    if (chars.trim()) fonts.load(`${weight} 16px "${family}"`, chars).catch(() => undefined);
  }
}

const SERIF = 'Noto Serif SC';
const SANS = 'Noto Sans SC';

/** The faces of the briefing's stylesheet: body text in serif, headings in bold sans, answer summaries bold serif. */
function prefetchFonts(article) {
  if (!article) return;
  const role = (...roles) =>
    article.units
      .filter((u) => roles.includes(u.role))
      .map((u) => u.segment.zh)
      .join('');
  warmFonts([
    [SERIF, 400, article.units.map((u) => u.segment.zh).join('')],
    [SERIF, 700, role('answerLead')],
    [SANS, 700, article.title.zh + role('heading', 'question', 'item')],
    [SANS, 400, [article.kicker?.zh, article.subtitle?.zh, article.lead?.zh].filter(Boolean).join('')],
  ]);
}

// ---- the preview ----

/** An empty page with the briefing's stylesheets and fonts (the studio writes it): the frame holds it at first. */
const BLANK_PREVIEW = '/preview/studio-blank.html';
const stylesheets = (doc) =>
  [...doc.querySelectorAll('link[rel="stylesheet"]')].map((link) => link.getAttribute('href')).join('\n');

/** The preview's document when a page can be put into it in place: a preview page, fully loaded. */
function swappableDocument() {
  const doc = $('preview').contentDocument;
  if (!doc || doc.readyState !== 'complete' || doc.URL === 'about:blank') return null;
  return /^\/preview\/[^/]+\.html$/.test(new URL(doc.URL).pathname) ? doc : null;
}

/** A page load under way in the preview frame (a page put in place meanwhile would be replaced by it). */
let previewLoading = null;

function loadPreview(frame, src) {
  previewLoading = new Promise((resolve) =>
    frame.addEventListener(
      'load',
      () => {
        previewLoading = null;
        if (frame.dataset.src === src) frame.dataset.shown = src;
        resolve();
      },
      { once: true },
    ),
  );
  frame.setAttribute('src', src);
}

/**
 * Shows a page in the preview. The first is loaded as a document; every later one replaces that document's title
 * and body, so its stylesheets and the fonts it already loaded stay: a new document would parse the 500 font faces
 * again and wait for its slices before showing any text. Same article again: the reader keeps their place.
 * `data-shown` on the frame names the page it shows.
 */
async function showPreview(src) {
  const frame = $('preview');
  if (frame.dataset.src === src) return;
  const sameArticle = frame.dataset.src?.split('?')[0] === src.split('?')[0];
  frame.dataset.src = src;
  if (previewLoading) await previewLoading;
  if (frame.dataset.src !== src) return;
  const doc = swappableDocument();
  if (!doc) return loadPreview(frame, src);
  let next;
  try {
    const response = await fetch(src);
    if (!response.ok) throw new Error(String(response.status));
    next = new DOMParser().parseFromString(await response.text(), 'text/html');
  } catch {
    next = null; // the frame shows the studio's own answer (its reason), as any page load would
  }
  if (frame.dataset.src !== src) return; // a newer page was asked for meanwhile
  if (!next || frame.contentDocument !== doc || stylesheets(next) !== stylesheets(doc)) return loadPreview(frame, src);
  const scroll = sameArticle ? doc.scrollingElement?.scrollTop : 0;
  doc.title = next.title;
  for (const name of ['lang', 'dir']) {
    const value = next.documentElement.getAttribute(name);
    if (value === null) doc.documentElement.removeAttribute(name);
    else doc.documentElement.setAttribute(name, value);
  }
  doc.body.replaceWith(doc.adoptNode(next.body));
  if (doc.scrollingElement) doc.scrollingElement.scrollTop = scroll ?? 0;
  frame.dataset.shown = src;
}

/** Sends one correction; the studio saves it at once and answers with the page as it is now. */
async function correct(body, what = 'ops') {
  saved('保存中… · Saving…');
  try {
    const view = await api(`/api/sources/${encodeURIComponent(state.file)}/${what}`, body);
    setView(view.view ?? view);
    saved('已保存 · Saved');
    if (view.dropped?.length) showError(`不再适用而移除 · Removed as no longer applying: ${view.dropped.join('; ')}`);
    return true;
  } catch (error) {
    saved('');
    showError(error.message);
    return false;
  }
}

// ---- the whole page ----

function render() {
  const view = state.view;
  writeHash();
  for (const tab of document.querySelectorAll('[data-tab]'))
    tab.setAttribute('aria-selected', String(tab.dataset.tab === state.tab));
  const articles = view?.articles ?? [];
  $('article').replaceChildren(
    ...articles.map((a, i) =>
      h('option', { value: String(i), selected: i === state.article }, `${i + 1}. ${a.title.zh}`),
    ),
  );
  const current = articles[state.article];
  showPreview(current ? `/preview/${encodeURIComponent(current.id)}.html?v=${view.version}` : BLANK_PREVIEW);
  renderNotices(view);
  const panel = $('panel');
  if (!view)
    return panel.replaceChildren(h('p', {}, bi('粘贴文本或拖入文件开始。', 'Paste a text or drop a file to begin.')));
  if (view.failed) return panel.replaceChildren(h('p', { class: 'error' }, view.failed));
  const panels = {
    edits: editsPanel,
    articles: articlesPanel,
    sections: sectionsPanel,
    english: englishPanel,
    names: namesPanel,
    out: outPanel,
  };
  // Whoever is typing keeps the field, the cursor and what they typed since the last save.
  const active = document.activeElement;
  const typing = active?.matches?.('textarea.en, input.en')
    ? {
        key: active.closest('[data-id],[data-zh]'),
        value: active.value,
        from: active.selectionStart,
        to: active.selectionEnd,
      }
    : null;
  const key = typing?.key ? (typing.key.dataset.id ?? typing.key.dataset.zh) : null;
  const scroll = panel.scrollTop;
  panel.replaceChildren(...[panels[state.tab](view, current)].flat(Infinity).filter(Boolean));
  panel.scrollTop = scroll;
  if (key) {
    const again = [...panel.querySelectorAll('[data-id],[data-zh]')]
      .find((n) => (n.dataset.id ?? n.dataset.zh) === key)
      ?.querySelector('textarea.en, input.en');
    if (again) {
      again.value = typing.value;
      again.focus();
      again.setSelectionRange(typing.from, typing.to);
    }
  }
}

function renderNotices(view) {
  const box = $('notices');
  const parts = [];
  if (view?.reviewError) parts.push(h('p', { class: 'error' }, view.reviewError));
  if (view && !view.sameSource)
    parts.push(
      h(
        'div',
        { class: 'notice' },
        h(
          'p',
          {},
          bi(
            '源文本在修改之后变了。修改已按文字重新定位。',
            'The source changed after these corrections were made; they were found again by their text.',
          ),
        ),
        h(
          'button',
          { type: 'button', class: 'rebase', onclick: () => correct({}, 'rebase') },
          bi('把修改移到新文本', 'Move the corrections onto the new text'),
        ),
      ),
    );
  if (view?.stale.length)
    parts.push(
      h(
        'div',
        { class: 'notice stale' },
        h('h3', {}, bi('不再适用的修改', 'Corrections that no longer apply')),
        h(
          'ul',
          {},
          view.stale.map((s) =>
            h(
              'li',
              {},
              h('code', {}, s.message),
              ' ',
              h(
                'button',
                { type: 'button', onclick: () => correct({ op: 'drop', pointer: s.pointer }) },
                bi('移除', 'Remove'),
              ),
            ),
          ),
        ),
      ),
    );
  if (view?.messages.length)
    parts.push(
      h(
        'details',
        { class: 'messages' },
        h('summary', {}, bi(`诊断 ${view.messages.length} 条`, `${view.messages.length} diagnostics`)),
        h(
          'ul',
          {},
          view.messages.map((m) => h('li', {}, h('code', {}, m))),
        ),
      ),
    );
  box.replaceChildren(...parts);
}

// ---- edits and flags ----

function inContext(context, before, after) {
  return h(
    'span',
    { class: 'in-context', lang: 'zh-Hans' },
    h('span', { class: 'ctx' }, visible(context[0])),
    before !== null ? h('del', {}, visible(before)) : null,
    after !== null ? h('ins', {}, visible(after)) : null,
    h('span', { class: 'ctx' }, visible(context[1])),
  );
}

function editsPanel(view) {
  const flags = view.flags.map((f) =>
    h(
      'li',
      { class: `flag decision-${f.decision ?? 'none'}`, dataset: { rule: f.rule, start: String(f.start) } },
      inContext(f.context, f.text, f.suggestion),
      h('div', { class: 'why' }, h('code', {}, f.rule), ' ', f.reason),
      f.decision
        ? h(
            'span',
            { class: 'decided' },
            f.decision === 'accept' ? bi('已采纳', 'Accepted') : bi('保留原文', 'Kept as written'),
            ' ',
            h(
              'button',
              {
                type: 'button',
                class: 'undo',
                onclick: () => correct({ op: 'flag', start: f.start, end: f.end, rule: f.rule, decision: null }),
              },
              bi('撤销', 'Undo'),
            ),
          )
        : [
            f.suggestion !== null
              ? h(
                  'button',
                  {
                    type: 'button',
                    class: 'accept',
                    onclick: () =>
                      correct({ op: 'flag', start: f.start, end: f.end, rule: f.rule, decision: 'accept' }),
                  },
                  bi('采纳建议', 'Accept'),
                )
              : null,
            h(
              'button',
              {
                type: 'button',
                class: 'dismiss',
                onclick: () => correct({ op: 'flag', start: f.start, end: f.end, rule: f.rule, decision: 'dismiss' }),
              },
              bi('保留原文', 'Keep as written'),
            ),
          ],
    ),
  );
  const byRule = new Map();
  for (const e of view.edits) byRule.set(e.rule, [...(byRule.get(e.rule) ?? []), e]);
  const editRow = (e) =>
    h(
      'li',
      { class: `edit decision-${e.decision ?? 'none'}`, dataset: { rule: e.rule, start: String(e.start) } },
      inContext(e.context, e.before, e.after),
      e.fromFlag
        ? h('span', { class: 'decided' }, bi('来自采纳的存疑', 'from an accepted flag'))
        : e.decision === 'reject'
          ? h(
              'span',
              { class: 'decided' },
              bi('已拒绝：原文已恢复', 'Rejected: original restored'),
              ' ',
              h(
                'button',
                {
                  type: 'button',
                  class: 'undo',
                  onclick: () => correct({ op: 'edit', start: e.start, end: e.end, rule: e.rule, decision: null }),
                },
                bi('撤销', 'Undo'),
              ),
            )
          : [
              e.decision === 'accept'
                ? h('span', { class: 'decided' }, '✓')
                : h(
                    'button',
                    {
                      type: 'button',
                      class: 'accept',
                      onclick: () =>
                        correct({ op: 'edit', start: e.start, end: e.end, rule: e.rule, decision: 'accept' }),
                    },
                    bi('接受', 'Accept'),
                  ),
              h(
                'button',
                {
                  type: 'button',
                  class: 'reject',
                  onclick: () => correct({ op: 'edit', start: e.start, end: e.end, rule: e.rule, decision: 'reject' }),
                },
                bi('拒绝', 'Reject'),
              ),
            ],
    );
  const groups = [...byRule].map(([rule, edits]) => {
    // A long group (hundreds of punctuation fixes) is built when opened: the page shows at once.
    const open = edits.length <= 12 || edits.some((e) => e.decision);
    const group = h(
      'details',
      { class: 'edit-group', open: open || openGroups.has(rule) || null, dataset: { rule } },
      // The rule's own reason (a rejected edit's reads "rejected by staff").
      h('summary', {}, h('code', {}, rule), ` (${edits.length}) `, (edits.find((e) => !e.decision) ?? edits[0]).reason),
    );
    const fill = () => {
      if (group.querySelector('ol')) return;
      group.append(h('ol', {}, edits.map(editRow)));
    };
    if (group.open) fill();
    group.addEventListener('toggle', () => {
      if (group.open) {
        openGroups.add(rule);
        fill();
      } else openGroups.delete(rule);
    });
    return group;
  });
  return [
    h('h2', {}, bi(`存疑 ${view.flags.length} 处`, `${view.flags.length} flags`)),
    flags.length ? h('ul', { class: 'flags' }, flags) : h('p', {}, '—'),
    h('h2', {}, bi(`修改 ${view.edits.length} 处`, `${view.edits.length} edits`)),
    groups,
  ];
}

// ---- articles: merge, split, genre ----

function articlesPanel(view) {
  return view.articles.map((a, i) => {
    const next = view.articles[i + 1];
    const splitAt = a.lines[0]?.fix === 'split';
    return h(
      'article',
      { class: 'article-card', dataset: { article: a.id } },
      h('h3', {}, `${i + 1}. `, h('span', { lang: 'zh-Hans' }, a.title.zh), ' ', h('code', {}, a.id)),
      h(
        'label',
        {},
        bi('体裁', 'Genre'),
        ' ',
        h(
          'select',
          { class: 'genre', onchange: (ev) => correct({ op: 'genre', article: a.firstLine, genre: ev.target.value }) },
          GENRES.map(([g, zh, en]) => h('option', { value: g, selected: g === a.genre }, `${zh} · ${en}`)),
        ),
        a.genreSetByStaff
          ? h(
              'button',
              {
                type: 'button',
                class: 'undo',
                onclick: () => correct({ op: 'genre', article: a.firstLine, genre: null }),
              },
              bi('恢复自动', 'Back to detected'),
            )
          : null,
      ),
      next
        ? h(
            'button',
            { type: 'button', class: 'merge', onclick: () => correct({ op: 'merge', line: next.firstLine }) },
            bi('与下一篇合并', 'Merge with the next'),
          )
        : null,
      splitAt
        ? h(
            'button',
            { type: 'button', class: 'undo', onclick: () => correct({ op: 'merge', line: a.firstLine }) },
            bi('撤销分篇', 'Undo this split'),
          )
        : null,
      h(
        'details',
        { class: 'lines' },
        h(
          'summary',
          {},
          bi(`各行（${a.lines.length}）：从某行分为新文章`, `Lines (${a.lines.length}): split a new article here`),
        ),
        h(
          'ol',
          {},
          a.lines.map((l, k) =>
            h(
              'li',
              { dataset: { start: String(l.anchor.start) } },
              h('span', { class: 'role' }, l.role),
              ' ',
              h('span', { lang: 'zh-Hans', class: 'line' }, l.text.length > 60 ? `${l.text.slice(0, 60)}…` : l.text),
              k === 0
                ? null
                : l.fix === 'merge'
                  ? h(
                      'button',
                      { type: 'button', class: 'undo', onclick: () => correct({ op: 'split', line: l.anchor }) },
                      bi('撤销合并', 'Undo the merge'),
                    )
                  : h(
                      'button',
                      { type: 'button', class: 'split', onclick: () => correct({ op: 'split', line: l.anchor }) },
                      bi('从此处分篇', 'Split here'),
                    ),
            ),
          ),
        ),
      ),
    );
  });
}

// ---- title and sections ----

function sectionsPanel(view, a) {
  if (!a) return h('p', {}, '—');
  const title = h(
    'label',
    { class: 'title-choice' },
    bi('标题行', 'Title line'),
    ' ',
    h(
      'select',
      {
        class: 'title',
        onchange: (ev) => {
          const choice = a.titleChoices[Number(ev.target.value)];
          if (choice) correct({ op: 'title', article: a.firstLine, paragraph: choice.paragraph });
        },
      },
      a.titleChoices.some((c) => c.zh === a.title.zh) ? null : h('option', { value: '', selected: true }, a.title.zh),
      a.titleChoices.map((c, i) => h('option', { value: String(i), selected: c.zh === a.title.zh }, c.zh)),
    ),
    a.titleSetByStaff
      ? h(
          'button',
          {
            type: 'button',
            class: 'undo',
            onclick: () => correct({ op: 'title', article: a.firstLine, paragraph: null }),
          },
          bi('恢复自动', 'Back to detected'),
        )
      : null,
  );
  const units = a.units.map((u) =>
    h(
      'li',
      { class: `unit role-${u.role}`, dataset: { role: u.role } },
      h('span', { class: 'role' }, ROLES[u.role] ?? u.role, u.number ? ` ${u.number}` : ''),
      h('span', { lang: 'zh-Hans', class: 'zh' }, u.segment.zh),
      u.paragraph
        ? h(
            'select',
            {
              class: 'mark',
              'aria-label': '标为 · Mark as',
              onchange: (ev) => correct({ op: 'mark', paragraph: u.paragraph, mark: ev.target.value || null }),
            },
            MARKS.map(([m, label]) => h('option', { value: m, selected: (u.mark ?? '') === m }, label)),
          )
        : null,
    ),
  );
  return [h('h2', {}, a.title.zh), title, h('ol', { class: 'units' }, units)];
}

// ---- English ----

const draftKey = (id) => `briefings-studio:${state.file}:${id}`;
const timers = new Map();
/** Edit groups staff opened, kept open across re-renders. */
const openGroups = new Set();

/** Drafts typed but not yet saved (the browser closed mid-edit) are put back and saved. */
function restoreDrafts() {
  for (const a of state.view?.articles ?? [])
    for (const s of segmentsOf(a)) {
      const draft = localStorage.getItem(draftKey(s.id));
      if (draft === null) continue;
      if (draft === (s.en ?? '') || draft.trim() === '') localStorage.removeItem(draftKey(s.id));
      else s.draft = draft;
    }
}

function segmentsOf(a) {
  return [a.title, a.kicker, a.subtitle, a.lead, ...a.units.map((u) => u.segment), ...a.captions].filter(Boolean);
}

function saveEnglish(segment, en) {
  localStorage.setItem(draftKey(segment.id), en);
  clearTimeout(timers.get(segment.id));
  timers.set(
    segment.id,
    setTimeout(async () => {
      timers.delete(segment.id);
      if (en.trim() === '') return;
      if (await correct({ op: 'english', id: segment.id, zh: segment.zh, en })) {
        if (localStorage.getItem(draftKey(segment.id)) === en) localStorage.removeItem(draftKey(segment.id));
      }
    }, 600),
  );
}

function englishRow(s, role) {
  const area = h('textarea', {
    class: 'en',
    lang: 'en',
    rows: 2,
    'aria-label': `English: ${s.zh.slice(0, 20)}`,
    value: s.draft ?? s.en ?? '',
  });
  area.addEventListener('input', () => saveEnglish(s, area.value));
  area.addEventListener('blur', () => {
    if (timers.has(s.id) && area.value.trim() !== '' && area.value !== (s.en ?? '')) saveEnglish(s, area.value);
  });
  if (s.draft !== undefined) saveEnglish(s, s.draft);
  const suggestion = /^memory suggestion \([^)]*\): (.*)$/s.exec(s.enNote ?? '')?.[1] ?? null;
  return h(
    'li',
    { class: `segment status-${s.enStatus}`, dataset: { id: s.id } },
    h('div', { class: 'zh', lang: 'zh-Hans' }, h('span', { class: 'role' }, role), s.zh),
    area,
    h(
      'div',
      { class: 'beside' },
      h('span', { class: 'status' }, STATUS[s.enStatus] ?? s.enStatus),
      s.draft !== undefined ? h('span', { class: 'restored' }, bi('恢复的草稿', 'restored draft')) : null,
      s.terms.length
        ? h(
            'ul',
            { class: 'terms' },
            s.terms.map((t) =>
              h('li', {}, h('span', { lang: 'zh-Hans' }, t.zh), ' → ', h('span', { lang: 'en' }, t.en)),
            ),
          )
        : null,
      s.enNote ? h('p', { class: 'note' }, s.enNote) : null,
      suggestion
        ? h(
            'button',
            {
              type: 'button',
              class: 'use',
              onclick: () => {
                area.value = suggestion;
                saveEnglish(s, suggestion);
              },
            },
            bi('采用建议', 'Use the suggestion'),
          )
        : null,
    ),
  );
}

function englishPanel(view, a) {
  if (!a) return h('p', {}, '—');
  const rows = [
    englishRow(a.title, '标题 · Title'),
    a.kicker && englishRow(a.kicker, '引题 · Kicker'),
    a.subtitle && englishRow(a.subtitle, '副题 · Subtitle'),
    a.lead && englishRow(a.lead, '核心提示 · Key points'),
    ...a.units.map((u) => englishRow(u.segment, ROLES[u.role] ?? u.role)),
    ...a.captions.map((c) => englishRow(c, '图片说明 · Caption')),
  ].filter(Boolean);
  return [
    h(
      'p',
      { class: 'hint' },
      bi(
        '改好的英文即为“已审”，存入翻译记忆；相同的句子自动填入。',
        'Edited English becomes reviewed and enters the translation memory; identical sentences fill themselves.',
      ),
    ),
    h('ol', { class: 'segments' }, rows),
  ];
}

// ---- names and terms ----

function fixRow(zh, en, kind, label) {
  const input = h('input', { class: 'en', lang: 'en', value: en ?? '', 'aria-label': `English: ${zh}` });
  return h(
    'li',
    { dataset: { zh } },
    h('span', { lang: 'zh-Hans', class: 'zh' }, zh),
    h('span', { class: 'kind' }, label),
    input,
    h(
      'button',
      {
        type: 'button',
        class: 'fix',
        onclick: () => input.value.trim() && correct({ zh, en: input.value.trim(), kind }, 'terms'),
      },
      bi('各处改用', 'Use everywhere'),
    ),
  );
}

function namesPanel(view, a) {
  if (!a) return h('p', {}, '—');
  return [
    h(
      'p',
      { class: 'hint' },
      bi(
        '在此改一次，所有文章（包括以后的构建）都用这个英文：保存在 translations/terms.local.tsv。',
        'Fixed here once, every article uses it, in later builds too: kept in translations/terms.local.tsv.',
      ),
    ),
    h('h3', {}, bi('人名', 'People')),
    h(
      'ul',
      { class: 'fixes' },
      a.people.map((p) => fixRow(p.name, p.en, 'person', '人名 · person')),
    ),
    h('h3', {}, bi('术语', 'Terms')),
    h(
      'ul',
      { class: 'fixes' },
      a.terms.map((t) => fixRow(t.zh, t.en, t.kind, t.kind)),
    ),
  ];
}

// ---- out: downloads, XLIFF, digest, publish ----

function outPanel(view, a) {
  const job = h('p', { id: 'job-status', role: 'status' });
  if (state.job) jobText(job, state.job.kind, state.job.status);
  const run = (kind) => async () => {
    try {
      await api(`/api/jobs/${kind}`, {});
      pollJob(kind);
    } catch (error) {
      showError(error.message);
    }
  };
  return [
    a
      ? h(
          'p',
          {},
          h(
            'a',
            { href: `/download/${encodeURIComponent(a.id)}.html`, class: 'download-html', download: true },
            bi('下载本文 HTML', 'Download the article HTML'),
          ),
          ' · ',
          h(
            'a',
            { href: `/download/${encodeURIComponent(a.id)}.pdf`, class: 'download-pdf', download: true },
            bi('下载本文 PDF', 'Download the article PDF'),
          ),
        )
      : null,
    h(
      'p',
      {},
      h(
        'a',
        { href: `/api/sources/${encodeURIComponent(view.file)}/xliff`, class: 'download-xliff', download: true },
        bi('导出 XLIFF（外部译者）', 'Export XLIFF for an outside translator'),
      ),
    ),
    h(
      'p',
      {},
      h(
        'button',
        { type: 'button', class: 'digest', onclick: run('digest') },
        bi('生成全部简报合集 PDF', 'Make the digest PDF of the folder'),
      ),
    ),
    h(
      'p',
      {},
      state.publish
        ? h(
            'button',
            { type: 'button', class: 'publish', onclick: run('publish') },
            bi('发布到网站文件夹', 'Publish into the web folder'),
          )
        : h(
            'span',
            { class: 'hint' },
            bi('未配置网站文件夹（studio --publish DIR）。', 'No web folder configured (studio --publish DIR).'),
          ),
    ),
    job,
  ];
}

/** The last build the page started (digest or publish) and how far it got; shown wherever the panel is now. */
async function pollJob(kind) {
  const status = await api(`/api/jobs/${kind}`);
  state.job = { kind, status };
  const box = document.getElementById('job-status');
  if (box) jobText(box, kind, status);
  if (status.state === 'running') setTimeout(() => pollJob(kind), 700);
}

function jobText(box, kind, status) {
  const parts = [
    `${kind}: ${status.state}${status.message && status.message !== status.state ? ` — ${status.message}` : ''}`,
    status.total ? ` (${status.done}/${status.total})` : '',
    status.state === 'done' && kind === 'digest'
      ? [
          ' ',
          h(
            'a',
            { href: '/download/digest.pdf', class: 'download-digest', download: true },
            bi('下载合集', 'Download the digest'),
          ),
        ]
      : null,
    status.state === 'done' && kind === 'publish'
      ? [' ', bi(`已发布 ${status.result.articles} 篇`, `published ${status.result.articles} articles`)]
      : null,
  ];
  box.replaceChildren(...parts.flat(Infinity).filter((x) => x !== null && x !== ''));
}

// ---- PDF in the background ----

async function watchPdf() {
  clearTimeout(state.pdfTimer);
  if (!state.file) return;
  const file = state.file;
  try {
    const s = await api(`/api/sources/${encodeURIComponent(file)}/pdf`);
    if (file !== state.file) return;
    const bar = $('pdf-progress');
    const current = s.printed >= (state.view?.version ?? 0);
    bar.hidden = current;
    bar.max = Math.max(1, s.total);
    bar.value = s.done;
    $('pdf-status').textContent = current
      ? 'PDF ✓'
      : s.state === 'failed'
        ? `PDF ✗ ${s.error ?? ''}`
        : `PDF ${s.state === 'printing' ? '打印中 · printing' : '排队 · waiting'} ${s.done}/${s.total}`;
    if (!current && s.state !== 'failed') state.pdfTimer = setTimeout(watchPdf, 800);
  } catch {
    state.pdfTimer = setTimeout(watchPdf, 2000);
  }
}

// ---- in: paste and drop ----

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

async function upload(fileList) {
  const files = await Promise.all(
    [...fileList].map(async (f) => ({ name: f.name, data: toBase64(await f.arrayBuffer()) })),
  );
  if (files.length === 0) return;
  saved('上传中… · Uploading…');
  try {
    const result = await api('/api/upload', { files });
    if (result.refused.length) showError(result.refused.map((r) => `${r.name}: ${r.reason}`).join('\n'));
    await loadState(result.saved[0]);
    state.article = 0;
    await openSource(result.saved[0]);
    saved('已保存 · Saved');
  } catch (error) {
    saved('');
    showError(error.message);
  }
}

function wire() {
  $('source').addEventListener('change', (ev) => {
    state.article = 0;
    openSource(ev.target.value);
  });
  $('article').addEventListener('change', (ev) => {
    state.article = Number(ev.target.value);
    render();
  });
  for (const tab of document.querySelectorAll('[data-tab]'))
    tab.addEventListener('click', () => {
      state.tab = tab.dataset.tab;
      render();
    });
  $('paste-open').addEventListener('click', () => $('paste-dialog').showModal());
  $('paste-form').addEventListener('submit', async (ev) => {
    if (ev.submitter?.value !== 'ok') return;
    ev.preventDefault();
    const text = $('paste-text').value;
    const name = $('paste-name').value.trim() || undefined;
    saved('处理中… · Working…');
    // The preview's fonts load while the studio reads the text: body text in serif, the first lines maybe a title.
    warmFonts([
      [SERIF, 400, text.slice(0, 40000)],
      [SANS, 700, text.trim().split('\n').slice(0, 3).join('')],
    ]);
    try {
      const result = await api('/api/paste', { text, name });
      $('paste-dialog').close();
      $('paste-text').value = '';
      $('paste-name').value = '';
      // The preview first; the list of sources is read meanwhile (the studio is making the page).
      const listed = loadState(result.file);
      state.article = 0;
      await openSource(result.file, result.view);
      await listed;
      $('source').value = result.file;
      saved('已保存 · Saved');
    } catch (error) {
      saved('');
      showError(error.message);
    }
  });
  $('files').addEventListener('change', (ev) => upload(ev.target.files));
  const drop = $('drop');
  document.addEventListener('dragover', (ev) => {
    ev.preventDefault();
    drop.classList.add('over');
  });
  document.addEventListener('dragleave', () => drop.classList.remove('over'));
  document.addEventListener('drop', (ev) => {
    ev.preventDefault();
    drop.classList.remove('over');
    upload(ev.dataTransfer.files);
  });
}

async function start() {
  wire();
  const where = readHash();
  state.tab = where.tab;
  state.article = where.article;
  try {
    await loadState(where.file);
    const file = state.sources.some((s) => s.file === where.file) ? where.file : state.sources[0]?.file;
    if (file) await openSource(file);
    else render();
  } catch (error) {
    showError(error.message);
  }
}

start();
