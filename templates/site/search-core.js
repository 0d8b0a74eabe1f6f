// The search core, one script for both sides: the site build runs it in Node (pipeline/search/searchCore.ts) to
// make the index, the index page runs it in the browser to answer queries. Folding, tokens, the index encoding,
// query parsing, matching, ranking and passages live here once, so both sides cut text the same way.
// A classic script (not a module) because module scripts do not load from file://.
(function (root) {
  'use strict';

  /** Article fields, in the order the index numbers them; their weights rank a title hit over a body hit. */
  const FIELDS = ['title', 'people', 'terms', 'lead', 'body'];
  const WEIGHTS = [10, 6, 5, 3, 1];
  /** Where a passage is looked for first: the title is shown anyway, so it comes last. */
  const PASSAGE_ORDER = [3, 4, 1, 2, 0];
  const INDEXABLE = /[\p{L}\p{N}]/u;
  const WORD_CHAR = /[a-z0-9]/;
  const APOSTROPHE = /['\u2018\u2019\u02bc]/;
  const HAS_NON_ASCII_LETTER = /[^\x00-\x7f]/;
  /** Key prefix of English words, so the word "ma" and the Latin bigram "ma" of 海光MALL stay apart. */
  const WORD_KEY = '=';

  // ---- folding: traditional → simplified, full width → half width, case and tone marks, one code point each ----

  let foldMap = new Map();

  /** The character table (traditional and variant forms → the simplified form), two strings of equal length. */
  function setFoldTable(from, to) {
    const a = Array.from(from);
    const b = Array.from(to);
    if (a.length !== b.length) throw new Error('fold table: the two strings differ in length');
    foldMap = new Map(a.map((c, i) => [c, b[i]]));
  }

  function foldChar(c) {
    const code = c.codePointAt(0);
    if (code >= 0xff01 && code <= 0xff5e) c = String.fromCodePoint(code - 0xfee0);
    else if (code === 0x3000) return ' ';
    const mapped = foldMap.get(c);
    if (mapped !== undefined) c = mapped;
    if (code < 0x80) return c.toLowerCase();
    // Pinyin tone marks and other Latin diacritics: the base letter (quèlì → queli).
    if (code >= 0xc0 && code < 0x250) c = c.normalize('NFD').charAt(0);
    const lower = c.toLowerCase();
    return Array.from(lower).length === 1 ? lower : c;
  }

  /** The text folded code point by code point: the result has as many code points as the input. */
  function fold(text) {
    let out = '';
    for (const c of text) out += foldChar(c);
    return out;
  }

  /**
   * The characters the Chinese index sees (letters and digits, folded; punctuation and spaces skipped) with their
   * UTF-16 offsets in the original text, so a hit found among them can be highlighted in the text as written.
   */
  function keptChars(text) {
    const chars = [];
    const start = [];
    const end = [];
    const line = [];
    let i = 0;
    let n = 0;
    for (const c of text) {
      const f = foldChar(c);
      if (c === '\n') n++;
      else if (INDEXABLE.test(f)) {
        chars.push(f);
        start.push(i);
        end.push(i + c.length);
        line.push(n);
      }
      i += c.length;
    }
    return { chars, start, end, line };
  }

  /** A light English stemmer, the same on both sides: forces → force, policies → policy, China's → china. */
  function stem(w) {
    if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
    if (w.length > 3 && w.endsWith('s') && !/(ss|us|is)$/.test(w)) return w.slice(0, -1);
    return w;
  }

  /** English words (letters and digits, folded and stemmed; apostrophes inside a word dropped) with offsets. */
  function englishWords(text) {
    const words = [];
    let word = '';
    let from = -1;
    let to = -1;
    let i = 0;
    let line = 0;
    const flush = () => {
      if (word) words.push({ w: stem(word), start: from, end: to, line });
      word = '';
    };
    for (const c of text) {
      if (c === '\n') line++;
      const f = c.length === 1 ? foldChar(c) : '';
      if (f.length === 1 && WORD_CHAR.test(f)) {
        if (!word) from = i;
        word += f;
        to = i + c.length;
      } else if (!(word && APOSTROPHE.test(c))) flush();
      i += c.length;
    }
    flush();
    return words;
  }

  /** Every index key of one field with its positions: Chinese bigrams by character, English words by word. */
  function fieldKeys(zh, en) {
    const keys = new Map();
    const add = (key, pos) => {
      const list = keys.get(key);
      if (list) list.push(pos);
      else keys.set(key, [pos]);
    };
    // A line is a segment or a list item: no bigram and no phrase runs from one into the next.
    const { chars, line } = keptChars(zh);
    for (let i = 0; i + 1 < chars.length; i++) if (line[i] === line[i + 1]) add(chars[i] + chars[i + 1], i);
    englishWords(en).forEach((word, i) => add(WORD_KEY + word.w, i + word.line));
    return keys;
  }

  // ---- the encoding: numbers as a base-64 variable-length code (5 bits a character, the sixth says "more") ----

  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const DIGIT = new Map(Array.from(ALPHABET, (c, i) => [c, i]));

  function encodeNumber(n) {
    let out = '';
    while (n >= 32) {
      out += ALPHABET[(n & 31) | 32];
      n = Math.floor(n / 32);
    }
    return out + ALPHABET[n];
  }

  function decodeNumbers(s) {
    const out = [];
    let n = 0;
    let shift = 1;
    for (let i = 0; i < s.length; i++) {
      const d = DIGIT.get(s[i]);
      if (d === undefined) throw new Error(`search index: bad character ${JSON.stringify(s[i])} at ${i}`);
      n += (d & 31) * shift;
      if (d & 32) shift *= 32;
      else {
        out.push(n);
        n = 0;
        shift = 1;
      }
    }
    return out;
  }

  /**
   * One key's postings: per field, the documents (ascending) and in each the positions (ascending), gaps encoded:
   * field, document count, then per document: document gap, position count, position gaps.
   */
  function encodePostings(byField) {
    let out = '';
    for (const [field, docs] of byField) {
      out += encodeNumber(field) + encodeNumber(docs.length);
      let lastDoc = 0;
      for (const [doc, positions] of docs) {
        out += encodeNumber(doc - lastDoc) + encodeNumber(positions.length);
        lastDoc = doc;
        let last = 0;
        for (const p of positions) {
          out += encodeNumber(p - last);
          last = p;
        }
      }
    }
    return out;
  }

  /** → Map field → Map document → positions. */
  function decodePostings(s) {
    const n = decodeNumbers(s);
    const byField = new Map();
    let i = 0;
    while (i < n.length) {
      const field = n[i++];
      const count = n[i++];
      const docs = new Map();
      let doc = 0;
      for (let d = 0; d < count; d++) {
        doc += n[i++];
        const len = n[i++];
        const positions = new Array(len);
        let p = 0;
        for (let k = 0; k < len; k++) positions[k] = p += n[i++];
        docs.set(doc, positions);
      }
      byField.set(field, docs);
    }
    return byField;
  }

  /** FNV-1a over the key's UTF-16 code units: which shard file holds a key. */
  function shardOf(key, shards) {
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) {
      h ^= key.charCodeAt(i);
      h = Math.imul(h, 0x01000193) >>> 0;
    }
    return h % shards;
  }

  // ---- queries ----

  /**
   * Offsets of the bigrams that cover a phrase of `length` characters (0, 2, 4, … and the last): every character is
   * in one, so matching them at their offsets is matching the phrase, with half the keys to download.
   */
  function coverOffsets(length) {
    const out = [];
    for (let i = 0; i + 1 < length; i += 2) out.push(i);
    if (length % 2 === 1 && length > 1) out.push(length - 2);
    return out;
  }

  function chineseTerm(chars, label) {
    const offsets = coverOffsets(chars.length);
    return { kind: 'zh', label, chars, keys: offsets.map((o) => chars[o] + chars[o + 1]), offsets };
  }

  /**
   * A query → terms, all of which an article must contain. Parts are separated by spaces; a run of Latin words is
   * one English phrase (also looked for as letters in the Chinese text when it is one word, for 5G or MALL);
   * anything else is a Chinese phrase. A part of one character joins its neighbour, since one character alone is
   * not indexed.
   */
  function parseQuery(query) {
    const parts = String(query)
      .split(/\s+/u)
      .map((raw) => ({ raw, kept: keptChars(raw).chars, latin: !HAS_NON_ASCII_LETTER.test(fold(raw)) }))
      .filter((p) => p.kept.length > 0);
    for (let i = 0; i < parts.length; i++) {
      if (parts[i].kept.length !== 1 || parts.length === 1) continue;
      const j = i > 0 ? i - 1 : i + 1;
      const [a, b] = j < i ? [parts[j], parts[i]] : [parts[i], parts[j]];
      parts.splice(Math.min(i, j), 2, { raw: a.raw + b.raw, kept: a.kept.concat(b.kept), latin: false });
      i = -1;
    }
    const terms = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p.latin) {
        if (p.kept.length >= 2) terms.push(chineseTerm(p.kept, p.raw));
        continue;
      }
      const group = [p];
      while (i + 1 < parts.length && parts[i + 1].latin) group.push(parts[++i]);
      const label = group.map((g) => g.raw).join(' ');
      const words = englishWords(label).map((w) => w.w);
      const letters = group.length === 1 && words.length <= 1 ? p.kept : null;
      if (words.length === 0) continue;
      terms.push({
        kind: 'en',
        label,
        words,
        keys: [...new Set(words)].map((w) => WORD_KEY + w),
        alt: letters && letters.length >= 2 ? chineseTerm(letters, label) : null,
      });
    }
    return terms;
  }

  function termKeys(term) {
    return term.kind === 'en' ? term.keys.concat(term.alt ? term.alt.keys : []) : term.keys;
  }

  function hasPosition(sorted, p) {
    let lo = 0;
    let hi = sorted.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] === p) return true;
      if (sorted[mid] < p) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  /**
   * Documents where the keys occur at the given relative positions, per field, with the number of occurrences;
   * and documents that hold every key somewhere (the characters or words scattered).
   */
  function matchPhrase(keys, offsets, postings) {
    const lists = keys.map((k) => postings.get(k) || new Map());
    const exact = new Map();
    for (let f = 0; f < FIELDS.length; f++) {
      const inField = lists.map((l) => l.get(f));
      if (inField.some((m) => !m)) continue;
      let anchor = 0;
      inField.forEach((m, i) => {
        if (m.size < inField[anchor].size) anchor = i;
      });
      for (const [doc, anchorPositions] of inField[anchor]) {
        const others = inField.map((m) => m.get(doc));
        if (others.some((o) => !o)) continue;
        let count = 0;
        for (const p of anchorPositions) {
          const start = p - offsets[anchor];
          if (others.every((o, i) => i === anchor || hasPosition(o, start + offsets[i]))) count++;
        }
        if (count > 0) {
          let byField = exact.get(doc);
          if (!byField) exact.set(doc, (byField = new Map()));
          byField.set(f, count);
        }
      }
    }
    const docsOf = (l) => {
      const s = new Set();
      for (const m of l.values()) for (const d of m.keys()) s.add(d);
      return s;
    };
    const sets = lists.map(docsOf).sort((a, b) => a.size - b.size);
    const all = new Set();
    if (sets.length) for (const d of sets[0]) if (!exact.has(d) && sets.every((s) => s.has(d))) all.add(d);
    return { exact, scattered: all };
  }

  function phraseScore(byField) {
    let score = 0;
    for (const [f, count] of byField) score += WEIGHTS[f] * (1 + Math.log(count));
    return score;
  }

  /** Per document: is the term there as written (exact) or only in pieces, and how well it scores. */
  function matchTerm(term, postings) {
    const out = new Map();
    const merge = (found) => {
      for (const [doc, byField] of found.exact) {
        const score = phraseScore(byField);
        const prev = out.get(doc);
        if (!prev || !prev.exact || prev.score < score)
          out.set(doc, { exact: true, score, fields: [...byField.keys()] });
      }
      for (const doc of found.scattered) if (!out.has(doc)) out.set(doc, { exact: false, score: 0.5, fields: [] });
    };
    if (term.kind === 'zh') merge(matchPhrase(term.keys, term.offsets, postings));
    else {
      merge(
        matchPhrase(
          term.words.map((w) => WORD_KEY + w),
          term.words.map((_, i) => i),
          postings,
        ),
      );
      if (term.alt) merge(matchPhrase(term.alt.keys, term.alt.offsets, postings));
    }
    return out;
  }

  /**
   * Ranks the documents holding every term: terms found as written before terms found in pieces, then by the
   * weights of the fields they were found in (title over body), then newest first (documents are numbered by date).
   */
  function rank(terms, postings) {
    if (terms.length === 0) return [];
    const perTerm = terms.map((t) => matchTerm(t, postings));
    const smallest = perTerm.reduce((a, b) => (a.size <= b.size ? a : b));
    const results = [];
    for (const doc of smallest.keys()) {
      const hits = perTerm.map((m) => m.get(doc));
      if (hits.some((h) => !h)) continue;
      const exactTerms = hits.filter((h) => h.exact).length;
      const score = hits.reduce((s, h) => s + h.score, 0);
      results.push({ doc, exact: exactTerms === terms.length, exactTerms, score });
    }
    results.sort((a, b) => b.exactTerms - a.exactTerms || b.score - a.score || a.doc - b.doc);
    return results;
  }

  // ---- loading: every data file is a script that hands its payload to receive(), so file:// works ----

  const cache = new Map();
  const waiting = new Map();
  let transport = null;

  function setTransport(fn) {
    transport = fn;
  }

  function receive(name, payload) {
    const w = waiting.get(name);
    if (w) {
      waiting.delete(name);
      w.resolve(payload);
    } else cache.set(name, Promise.resolve(payload));
  }

  function load(name) {
    if (!cache.has(name)) {
      const promise = new Promise((resolve, reject) => waiting.set(name, { resolve, reject }));
      cache.set(name, promise);
      Promise.resolve()
        .then(() => transport(name))
        .then(() => {
          if (waiting.has(name)) throw new Error(`search index: ${name} did not deliver its data`);
        })
        .catch((error) => {
          const w = waiting.get(name);
          waiting.delete(name);
          cache.delete(name);
          if (w) w.reject(error);
        });
    }
    return cache.get(name);
  }

  /** Forgets every loaded file (tests; a page that rebuilt its index). */
  function reset() {
    cache.clear();
    waiting.clear();
    ready = null;
  }

  let ready = null;
  function start() {
    if (!ready)
      ready = Promise.all([load('meta'), load('fold')]).then(([meta, table]) => {
        setFoldTable(table[0], table[1]);
        return meta;
      });
    return ready;
  }

  /** Runs a query against the index: loads the meta, the fold table and the shards its keys live in. */
  async function search(query) {
    const meta = await start();
    const terms = parseQuery(query);
    const keys = [...new Set(terms.flatMap(termKeys))];
    const shardIds = [...new Set(keys.map((k) => shardOf(k, meta.shards)))];
    const shards = await Promise.all(shardIds.map((s) => load(`s/${s}`)));
    const postings = new Map();
    const byShard = new Map(shardIds.map((s, i) => [s, shards[i]]));
    for (const k of keys) {
      const encoded = byShard.get(shardOf(k, meta.shards))[k];
      if (encoded) postings.set(k, decodePostings(encoded));
    }
    return { meta, terms, results: rank(terms, postings) };
  }

  /** A document's stored texts: [zh fields, en fields], each in the order of FIELDS. */
  function loadDocument(doc) {
    return load(`d/${doc}`);
  }

  // ---- passages: where the terms are in a stored text, as ranges to highlight ----

  function mergeRanges(ranges) {
    const sorted = ranges.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    const out = [];
    for (const r of sorted) {
      const last = out[out.length - 1];
      if (last && r.start <= last.end) {
        last.end = Math.max(last.end, r.end);
        last.exact = last.exact || r.exact;
      } else out.push({ start: r.start, end: r.end, exact: r.exact });
    }
    return out;
  }

  function findChars(kept, chars, exact, out) {
    const n = chars.length;
    for (let i = 0; i + n <= kept.chars.length; i++) {
      let ok = kept.line[i] === kept.line[i + n - 1];
      for (let k = 0; k < n && ok; k++) ok = kept.chars[i + k] === chars[k];
      if (ok) out.push({ start: kept.start[i], end: kept.end[i + n - 1], exact });
    }
  }

  /** Ranges of the terms in one text (UTF-16 offsets): phrases as written, else their pieces. */
  function rangesIn(text, lang, terms) {
    const ranges = [];
    if (!text) return ranges;
    if (lang === 'zh') {
      const kept = keptChars(text);
      for (const t of terms) {
        const z = t.kind === 'zh' ? t : t.alt;
        if (!z) continue;
        const before = ranges.length;
        findChars(kept, z.chars, true, ranges);
        if (ranges.length === before)
          for (let i = 0; i + 1 < z.chars.length; i++) findChars(kept, z.chars.slice(i, i + 2), false, ranges);
      }
    } else {
      const words = englishWords(text);
      for (const t of terms) {
        if (t.kind !== 'en') continue;
        const n = t.words.length;
        const before = ranges.length;
        for (let i = 0; i + n <= words.length; i++)
          if (words[i].line === words[i + n - 1].line && t.words.every((w, k) => words[i + k].w === w))
            ranges.push({ start: words[i].start, end: words[i + n - 1].end, exact: true });
        if (ranges.length === before)
          for (const w of words) if (t.words.includes(w.w)) ranges.push({ start: w.start, end: w.end, exact: false });
      }
    }
    return mergeRanges(ranges);
  }

  /** Text cut into pieces to show, hits marked: [{text, hit}]. The page puts them in the DOM as text, not markup. */
  function pieces(text, ranges, from, to) {
    const out = [];
    let at = from;
    for (const r of ranges) {
      if (r.end <= from || r.start >= to) continue;
      const s = Math.max(r.start, from);
      const e = Math.min(r.end, to);
      if (s > at) out.push({ text: text.slice(at, s), hit: false });
      out.push({ text: text.slice(s, e), hit: true });
      at = e;
    }
    if (to > at) out.push({ text: text.slice(at, to), hit: false });
    return out;
  }

  /**
   * The passage to show under a result: the first field (lead, body, people, terms, title) where a term is found as
   * written, else where its pieces are, cut to about `width` characters around the first hit.
   */
  function passage(stored, terms, width) {
    const span = width || 90;
    const candidates = [];
    for (const f of PASSAGE_ORDER)
      for (const [lang, texts] of [
        ['zh', stored[0]],
        ['en', stored[1]],
      ]) {
        const text = texts[f] || '';
        const ranges = rangesIn(text, lang, terms);
        if (ranges.length) candidates.push({ field: f, lang, text, ranges });
      }
    const best = candidates.find((c) => c.ranges.some((r) => r.exact)) || candidates[0];
    if (!best) return null;
    const first = best.ranges.find((r) => r.exact) || best.ranges[0];
    const text = best.text.replace(/\s/gu, ' ');
    let from = Math.max(0, first.start - Math.floor(span / 3));
    let to = Math.min(text.length, from + span);
    from = Math.max(0, Math.min(from, to - span));
    // Never cut a surrogate pair in two.
    if (from > 0 && /[\udc00-\udfff]/u.test(text[from])) from -= 1;
    if (to < text.length && /[\udc00-\udfff]/u.test(text[to])) to += 1;
    return {
      field: FIELDS[best.field],
      lang: best.lang,
      before: from > 0,
      after: to < text.length,
      pieces: pieces(text, best.ranges, from, to),
    };
  }

  /** A title with its hits marked (zh or en). */
  function highlight(text, lang, terms) {
    return pieces(text, rangesIn(text, lang, terms), 0, text.length);
  }

  root.BriefingsSearch = {
    FIELDS,
    WEIGHTS,
    setFoldTable,
    fold,
    keptChars,
    englishWords,
    fieldKeys,
    encodeNumber,
    decodeNumbers,
    encodePostings,
    decodePostings,
    shardOf,
    parseQuery,
    termKeys,
    rank,
    setTransport,
    receive,
    load,
    reset,
    search,
    loadDocument,
    rangesIn,
    passage,
    highlight,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
