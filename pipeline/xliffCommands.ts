// export-xliff and import-xliff: the human translation loop. Export runs the text stages and writes every segment
// without a reviewed translation; import stores the translated targets as reviewed, for the next build.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { articleSegments } from './bilingual/index.ts';
import { readMeta, readReview, resolveInputs } from './inputs.ts';
import { loadLocalTerms, localTermsFile } from './review/localTerms.ts';
import { buildTextResources } from './review/textResources.ts';
import { processSource } from './textPipeline.ts';
import type { Io } from './cli.ts';
import { loadConfig } from './config.ts';
import { writeFileAtomic } from './publish/writeFiles.ts';
import type { Article, Segment } from './domain/types.ts';
import { exportXliff, type XliffUnitInput } from './xliff/exportXliff.ts';
import { importXliff, XliffError } from './xliff/importXliff.ts';
import { loadReviewed, mergeReviewed } from './xliff/reviewedStore.ts';

/** The notes a translator gets with a segment: where it stands, the terms in it, what the memory suggests. */
export function notesFor(segment: Segment, article: Article): XliffUnitInput['notes'] {
  const notes: XliffUnitInput['notes'] = [
    { category: 'context', text: `${article.id} · ${article.genre} · ${article.title.zh}` },
  ];
  for (const t of article.terms)
    if (segment.zh.includes(t.zh)) notes.push({ category: 'term', text: `${t.zh} → ${t.en}` });
  if (segment.enNote)
    notes.push({ category: segment.enNote.startsWith('memory') ? 'memory' : 'english', text: segment.enNote });
  // The same key terms the reader sees beside "translation pending", in order.
  if (segment.keyTerms?.length)
    notes.push({ category: 'key-terms', text: segment.keyTerms.map((k) => `${k.zh} → ${k.en}`).join('; ') });
  if (segment.enDraft) notes.push({ category: 'engine-draft', text: segment.enDraft });
  return notes;
}

export async function runXliffCommand(
  command: string,
  inputs: string[],
  options: { out?: string; cwd: string; io: Io },
): Promise<number> {
  const { cwd, io } = options;
  const config = loadConfig(cwd);
  const reviewedFile = path.resolve(cwd, config.reviewedFile);
  if (command === 'export-xliff') {
    // The same resources and staff corrections as a build, so the XLIFF holds the segments the build shows.
    const reviewed = loadReviewed(reviewedFile);
    const resources = buildTextResources(reviewed, loadLocalTerms(localTermsFile(cwd, config.reviewedFile)));
    const units: XliffUnitInput[] = [];
    let failed = 0;
    for (const input of resolveInputs(inputs.length > 0 ? inputs : ['seeds'], cwd)) {
      const meta = readMeta(input.path, []);
      const result = processSource(input.file, readFileSync(input.path), meta, resources, readReview(input.path));
      if (!result.value) {
        failed += 1;
        io.err(`failed: ${input.file}`);
        continue;
      }
      for (const article of result.value.articles) {
        const seen = new Set<string>();
        for (const segment of articleSegments(article)) {
          if (segment.enStatus === 'reviewed' || seen.has(segment.id)) continue;
          seen.add(segment.id);
          units.push({ segment, articleId: article.id, notes: notesFor(segment, article) });
        }
      }
    }
    const out = path.resolve(cwd, options.out ?? 'output/briefings.xliff');
    if (units.length === 0) {
      io.out('nothing to export: every segment has a reviewed translation');
      return failed > 0 ? 1 : 0;
    }
    writeFileAtomic(out, exportXliff(units, { srcLang: 'zh-CN', trgLang: 'en' }));
    io.out(`exported ${units.length} segments to ${path.relative(cwd, out)}`);
    return failed > 0 ? 1 : 0;
  }
  // import-xliff FILE
  const file = inputs[0];
  if (!file || inputs.length > 1) {
    io.err('briefings import-xliff: give exactly one XLIFF file');
    return 2;
  }
  let xml: string;
  try {
    xml = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    io.err(`briefings import-xliff: ${(error as Error).message}`);
    return 2;
  }
  try {
    const result = importXliff(xml, { file });
    for (const problem of result.problems) io.err(problem);
    const merged = mergeReviewed(reviewedFile, result.translations, path.basename(file));
    io.out(
      `imported ${result.translations.length} reviewed translations from ${file} into ${path.relative(cwd, reviewedFile)} (${merged.added} new, ${merged.updated} changed, ${result.unchanged} left untouched, ${result.untranslated} without a translation)`,
    );
    return result.problems.length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof XliffError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
