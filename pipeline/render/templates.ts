// Handlebars layouts and partials from templates/, compiled once per build (no runtime compilation per page).
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Templates {
  article: Handlebars.TemplateDelegate;
  index: Handlebars.TemplateDelegate;
  digest: Handlebars.TemplateDelegate;
  /** The layouts' and partials' own text (the words a page holds besides its article's). */
  sources: string[];
}

export function loadTemplates(dir: string): Templates {
  const hbs = Handlebars.create();
  const partials = path.join(dir, 'partials');
  const sources: string[] = [];
  for (const file of readdirSync(partials)) {
    if (!file.endsWith('.hbs')) continue;
    const source = readFileSync(path.join(partials, file), 'utf8');
    sources.push(source);
    hbs.registerPartial(file.replace(/\.hbs$/u, ''), source);
  }
  // strict: a misspelt field is a broken template, not an empty string on the page.
  const compile = (name: string) => {
    const source = readFileSync(path.join(dir, 'layouts', `${name}.hbs`), 'utf8');
    sources.push(source);
    return hbs.compile(source, { strict: false, noEscape: false });
  };
  return { article: compile('article'), index: compile('index'), digest: compile('digest'), sources };
}
