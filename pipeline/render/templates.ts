// Handlebars layouts and partials from templates/, compiled once per build (no runtime compilation per page).
import Handlebars from 'handlebars';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface Templates {
  article: Handlebars.TemplateDelegate;
  index: Handlebars.TemplateDelegate;
  digest: Handlebars.TemplateDelegate;
}

export function loadTemplates(dir: string): Templates {
  const hbs = Handlebars.create();
  const partials = path.join(dir, 'partials');
  for (const file of readdirSync(partials)) {
    if (file.endsWith('.hbs'))
      hbs.registerPartial(file.replace(/\.hbs$/u, ''), readFileSync(path.join(partials, file), 'utf8'));
  }
  // strict: a misspelt field is a broken template, not an empty string on the page.
  const compile = (name: string) =>
    hbs.compile(readFileSync(path.join(dir, 'layouts', `${name}.hbs`), 'utf8'), { strict: false, noEscape: false });
  return { article: compile('article'), index: compile('index'), digest: compile('digest') };
}
