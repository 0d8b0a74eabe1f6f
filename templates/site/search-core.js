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
    keptCache.clear();
  }

  /** Character → its folded form when the index keeps it, else '' (one look-up per character of a large site). */
  const keptCache = new Map();
  function keptForm(c) {
    let f = keptCache.get(c);
    if (f === undefined) {
      f = foldChar(c);
      if (!INDEXABLE.test(f)) f = '';
      keptCache.set(c, f);
    }
    return f;
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
      const f = keptForm(c);
      if (c === '\n') n++;
      else if (f) {
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
  const ALPHABET_CODES = Array.from(ALPHABET, (c) => c.charCodeAt(0));
  const DIGIT_OF_CODE = new Int8Array(128).fill(-1);
  ALPHABET_CODES.forEach((code, i) => (DIGIT_OF_CODE[code] = i));

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
      const code = s.charCodeAt(i);
      const d = code < 128 ? DIGIT_OF_CODE[code] : -1;
      if (d < 0) throw new Error(`search index: bad character ${JSON.stringify(s[i])} at ${i}`);
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
   * One key's postings, gaps encoded: the cap on stored positions (0: all stored), then per field: field, document
   * count, and per document: document gap, occurrence count, the gaps of its first `cap` positions. `byField` is
   * [field, flat] with flat = doc, count, positions… repeated (documents ascending, positions ascending).
   * Keys in most articles keep only their first positions per document: a phrase is then checked where it can be.
   */
  function encodePostings(byField, cap) {
    const codes = [];
    const put = (n) => {
      while (n >= 32) {
        codes.push(ALPHABET_CODES[(n & 31) | 32]);
        n = Math.floor(n / 32);
      }
      codes.push(ALPHABET_CODES[n]);
    };
    put(cap || 0);
    for (const [field, flat] of byField) {
      let docs = 0;
      for (let i = 0; i < flat.length; i += 2 + flat[i + 1]) docs++;
      put(field);
      put(docs);
      let lastDoc = 0;
      for (let i = 0; i < flat.length;) {
        const doc = flat[i];
        const count = flat[i + 1];
        put(doc - lastDoc);
        put(count);
        lastDoc = doc;
        const stored = cap ? Math.min(cap, count) : count;
        let last = 0;
        for (let k = 0; k < stored; k++) {
          put(flat[i + 2 + k] - last);
          last = flat[i + 2 + k];
        }
        i += 2 + count;
      }
    }
    let out = '';
    for (let i = 0; i < codes.length; i += 8192) out += String.fromCharCode.apply(null, codes.slice(i, i + 8192));
    return out;
  }

  /**
   * → Map field → {docs, counts, from, pos, cap}: document i has counts[i] occurrences, of which the positions
   * pos[from[i]] … pos[from[i + 1] - 1] are stored (all of them unless the key was capped).
   */
  function decodePostings(s) {
    const n = decodeNumbers(s);
    const byField = new Map();
    const cap = n[0];
    let i = 1;
    while (i < n.length) {
      const field = n[i++];
      const count = n[i++];
      const docs = new Int32Array(count);
      const counts = new Int32Array(count);
      const from = new Int32Array(count + 1);
      const pos = [];
      let doc = 0;
      for (let d = 0; d < count; d++) {
        doc += n[i++];
        docs[d] = doc;
        const c = n[i++];
        counts[d] = c;
        from[d] = pos.length;
        const stored = cap ? Math.min(cap, c) : c;
        let p = 0;
        for (let k = 0; k < stored; k++) pos.push((p += n[i++]));
      }
      from[count] = pos.length;
      byField.set(field, { docs, counts, from, pos: Int32Array.from(pos), cap });
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
   * Offsets of the bigrams that cover a phrase (every character in one), cheapest first by `cost(key)`: matching
   * them at their offsets is matching the phrase, and a bigram found in most articles is left out when its
   * characters are covered by rarer ones. Uniform costs give 0, 2, 4, … and the last.
   */
  function coverOffsets(chars, cost) {
    const n = chars.length;
    const best = new Array(n + 1).fill(Infinity);
    const from = new Array(n + 1).fill(-1);
    best[0] = 0;
    for (let c = 0; c < n; c++) {
      if (best[c] === Infinity) continue;
      for (const o of [c - 1, c]) {
        if (o < 0 || o > n - 2) continue;
        const total = best[c] + cost(chars[o] + chars[o + 1]);
        if (total < best[o + 2]) {
          best[o + 2] = total;
          from[o + 2] = c;
        }
      }
    }
    const offsets = [];
    for (let end = n; end > 0 && from[end] >= 0;) {
      const c = from[end];
      offsets.unshift(end - 2);
      end = c;
    }
    return offsets;
  }

  function chineseTerm(chars, label, cost) {
    const offsets = coverOffsets(chars, cost);
    return { kind: 'zh', label, chars, keys: offsets.map((o) => chars[o] + chars[o + 1]), offsets };
  }

  /**
   * A query → terms, all of which an article must contain. Parts are separated by spaces; a run of Latin words is
   * one English phrase (also looked for as letters in the Chinese text when it is one word, for 5G or MALL);
   * anything else is a Chinese phrase. A part of one character joins its neighbour, since one character alone is
   * not indexed.
   */
  function parseQuery(query, keyInfo) {
    const cost = (keyInfo && keyInfo.cost) || (() => 1);
    const common = (keyInfo && keyInfo.common) || (() => false);
    const parts = String(query)
      .split(/\s+/u)
      .map((raw) => ({ raw, kept: keptChars(raw).chars, latin: !HAS_NON_ASCII_LETTER.test(fold(raw)) }))
      .filter((p) => p.kept.length > 0);
    for (let i = 0; i < parts.length; i++) {
      // A one-letter word between Latin words (a, I) stays in its English phrase.
      if (parts[i].kept.length !== 1 || parts.length === 1) continue;
      if (parts[i].latin && (parts[i - 1] || {}).latin !== false && (parts[i + 1] || {}).latin !== false) continue;
      const j = i > 0 ? i - 1 : i + 1;
      const [a, b] = j < i ? [parts[j], parts[i]] : [parts[i], parts[j]];
      parts.splice(Math.min(i, j), 2, { raw: a.raw + b.raw, kept: a.kept.concat(b.kept), latin: false });
      i = -1;
    }
    const terms = [];
    for (let i = 0; i < parts.length; i++) {
      const p = parts[i];
      if (!p.latin) {
        if (p.kept.length >= 2) terms.push(chineseTerm(p.kept, p.raw, cost));
        continue;
      }
      const group = [p];
      while (i + 1 < parts.length && parts[i + 1].latin) group.push(parts[++i]);
      const label = group.map((g) => g.raw).join(' ');
      const words = englishWords(label).map((w) => w.w);
      if (group.reduce((n, g) => n + g.kept.length, 0) < 2) continue;
      const letters = group.length === 1 && words.length <= 1 ? p.kept : null;
      if (words.length === 0) continue;
      // Words in most articles (the, of, CPC) are checked only through the rarer words around them.
      const all = words.map((w, i) => ({ key: WORD_KEY + w, offset: i }));
      const rare = all.filter((k) => !common(k.key));
      const used = rare.length ? rare : all;
      terms.push({
        kind: 'en',
        label,
        words,
        keys: used.map((k) => k.key),
        offsets: used.map((k) => k.offset),
        alt: letters && letters.length >= 2 ? chineseTerm(letters, label, cost) : null,
      });
    }
    return terms;
  }

  function termKeys(term) {
    return term.kind === 'en' && term.alt ? term.keys.concat(term.alt.keys) : term.keys;
  }

  function indexOf(sorted, x, lo, hi) {
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid] === x) return mid;
      if (sorted[mid] < x) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /**
   * Documents where the keys occur at the given relative positions, per field, with the number of occurrences
   * ("exact"); documents where that could not be settled because a common key keeps only its first positions
   * ("maybe"); and documents that hold every key but not in that order ("scattered").
   */
  function matchPhrase(keys, offsets, postings) {
    const lists = keys.map((k) => postings.get(k) || new Map());
    const exact = new Map();
    const maybe = new Set();
    if (keys.length === 1) {
      // One bigram or word: every document that has it has it as written.
      for (const [f, m] of lists[0])
        for (let i = 0; i < m.docs.length; i++) {
          let byField = exact.get(m.docs[i]);
          if (!byField) exact.set(m.docs[i], (byField = new Map()));
          byField.set(f, m.counts[i]);
        }
      return { exact, maybe, scattered: new Set() };
    }
    for (let f = 0; f < FIELDS.length; f++) {
      const inField = lists.map((l) => l.get(f));
      if (inField.some((m) => !m)) continue;
      let anchor = 0;
      inField.forEach((m, i) => {
        if (m.docs.length < inField[anchor].docs.length) anchor = i;
      });
      const A = inField[anchor];
      for (let ai = 0; ai < A.docs.length; ai++) {
        const doc = A.docs[ai];
        const at = inField.map((m, i) => (i === anchor ? ai : indexOf(m.docs, doc, 0, m.docs.length - 1)));
        if (at.some((x) => x < 0)) continue;
        let count = 0;
        if (keys.length === 1) count = A.counts[ai];
        else
          for (let k = A.from[ai]; k < A.from[ai + 1]; k++) {
            const start = A.pos[k] - offsets[anchor];
            let all = true;
            for (let i = 0; i < inField.length && all; i++) {
              if (i === anchor) continue;
              const m = inField[i];
              all = indexOf(m.pos, start + offsets[i], m.from[at[i]], m.from[at[i] + 1] - 1) >= 0;
            }
            if (all) count++;
          }
        if (count > 0) {
          let byField = exact.get(doc);
          if (!byField) exact.set(doc, (byField = new Map()));
          byField.set(f, count);
        } else if (inField.some((m, i) => m.from[at[i] + 1] - m.from[at[i]] < m.counts[at[i]])) maybe.add(doc);
      }
    }
    for (const d of exact.keys()) maybe.delete(d);
    const docsOf = (l) => {
      const s = new Set();
      for (const m of l.values()) for (const d of m.docs) s.add(d);
      return s;
    };
    const sets = lists.map(docsOf).sort((a, b) => a.size - b.size);
    const scattered = new Set();
    if (sets.length)
      for (const d of sets[0]) if (!exact.has(d) && !maybe.has(d) && sets.every((s) => s.has(d))) scattered.add(d);
    return { exact, maybe, scattered };
  }

  function phraseScore(byField) {
    let score = 0;
    for (const [f, count] of byField) score += WEIGHTS[f] * (1 + Math.log(count));
    return score;
  }

  /** Per document: the term as written (exact), perhaps as written (maybe) or only in pieces, and its score. */
  function matchTerm(term, postings) {
    const out = new Map();
    const rankOf = (h) => (h.exact ? 2 : h.maybe ? 1 : 0);
    const put = (doc, hit) => {
      const prev = out.get(doc);
      if (!prev || rankOf(prev) < rankOf(hit) || (rankOf(prev) === rankOf(hit) && prev.score < hit.score))
        out.set(doc, hit);
    };
    const merge = (found) => {
      for (const [doc, byField] of found.exact) put(doc, { exact: true, maybe: false, score: phraseScore(byField) });
      for (const doc of found.maybe) put(doc, { exact: false, maybe: true, score: 1 });
      for (const doc of found.scattered) put(doc, { exact: false, maybe: false, score: 0.5 });
    };
    // A part whose dearest keys were left unchecked can say "maybe", not "exact".
    const unsure = (found) => {
      for (const doc of found.exact.keys()) found.maybe.add(doc);
      found.exact.clear();
      return found;
    };
    const phrase = (part) => {
      if (part.keys.length === 0) return { exact: new Map(), maybe: new Set(), scattered: new Set() };
      const found = matchPhrase(part.keys, part.offsets, postings);
      return part.partial ? unsure(found) : found;
    };
    merge(phrase(term));
    if (term.kind === 'en' && term.alt) merge(phrase(term.alt));
    return out;
  }

  /**
   * Ranks the documents holding every term: terms found as written before terms perhaps found as written, before
   * terms found in pieces, then by the
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
      const maybeTerms = hits.filter((h) => h.maybe).length;
      const score = hits.reduce((s, h) => s + h.score, 0);
      const exact = exactTerms === terms.length;
      results.push({ doc, exact, maybe: !exact && exactTerms + maybeTerms === terms.length, exactTerms, score });
    }
    results.sort(
      (a, b) => b.exactTerms - a.exactTerms || Number(b.maybe) - Number(a.maybe) || b.score - a.score || a.doc - b.doc,
    );
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
  /** Forgets decoded postings but keeps loaded files (to time decoding apart from loading). */
  function forgetDecoded() {
    decoded.clear();
  }

  function reset() {
    decoded.clear();
    cache.clear();
    waiting.clear();
    ready = null;
  }

  let ready = null;
  function start() {
    if (!ready)
      ready = Promise.all([load('meta'), load('fold')]).then(([meta, table]) => {
        setFoldTable(table[0], table[1]);
        const sizes = decodeNumbers(meta.bigKiB);
        const big = new Map(meta.big ? meta.big.split('|').map((k, i) => [k, { file: i, kib: sizes[i] }]) : []);
        return Object.assign({}, meta, { bigKeys: big });
      });
    return ready;
  }

  /** Where a key's postings are: its own file when it is in many articles, else the shard of its hash. */
  function fileOf(key, meta) {
    const big = meta.bigKeys.get(key);
    return big ? `k/${big.file}` : `s/${shardOf(key, meta.shards)}`;
  }

  /** Postings already decoded, by key: typing a longer query reuses the keys of the shorter one. */
  const decoded = new Map();

  /** KiB of postings a query downloads at most; past it, the dearest keys of a phrase are left unchecked. */
  const POSTINGS_BUDGET_KIB = 96;

  /**
   * Keeps each term's cheapest keys within the budget (at least one a term). A term that lost keys can match only
   * "maybe": the articles holding its other keys are all still there, so nothing is lost, and the page settles
   * each one against its stored text.
   */
  function withinBudget(terms, cost) {
    const all = terms.flatMap((t) =>
      (t.kind === 'en' && t.alt ? [t, t.alt] : [t]).flatMap((part) =>
        part.keys.map((key, ki) => ({ part, key, ki, kib: cost(key) })),
      ),
    );
    const seen = new Set();
    const served = new Set();
    let spent = 0;
    for (const k of all.slice().sort((a, b) => a.kib - b.kib)) {
      const fresh = !seen.has(k.key);
      if (fresh && spent + k.kib > POSTINGS_BUDGET_KIB && served.has(k.part)) continue;
      if (fresh) spent += k.kib;
      seen.add(k.key);
      served.add(k.part);
      k.kept = true;
    }
    for (const part of new Set(all.map((k) => k.part))) {
      const kept = all.filter((k) => k.part === part && k.kept);
      if (kept.length === part.keys.length) continue;
      part.partial = true;
      part.offsets = kept.map((k) => part.offsets[k.ki]);
      part.keys = kept.map((k) => k.key);
    }
    return terms;
  }

  /** Runs a query against the index: loads the meta, the fold table and the files its keys live in. */
  async function search(query) {
    const meta = await start();
    // What a key costs to download: its own file, or a shard (shared with the query's other keys in it).
    const cost = (key) => {
      const big = meta.bigKeys.get(key);
      return big ? Math.max(1, big.kib) : meta.shardKiB;
    };
    const terms = withinBudget(parseQuery(query, { cost, common: (key) => meta.bigKeys.has(key) }), cost);
    const keys = [...new Set(terms.flatMap(termKeys))];
    const names = [...new Set(keys.map((k) => fileOf(k, meta)))];
    const loaded = new Map(await Promise.all(names.map(async (n) => [n, await load(n)])));
    const postings = new Map();
    for (const k of keys) {
      if (!decoded.has(k)) {
        const data = loaded.get(fileOf(k, meta));
        const encoded = typeof data === 'string' ? data : data[k];
        decoded.set(k, encoded ? decodePostings(encoded) : new Map());
      }
      postings.set(k, decoded.get(k));
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
      exact: first.exact,
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
    coverOffsets,
    termKeys,
    rank,
    setTransport,
    receive,
    load,
    reset,
    forgetDecoded,
    search,
    loadDocument,
    rangesIn,
    passage,
    highlight,
  };
})(typeof globalThis !== 'undefined' ? globalThis : this);
