// A remark plugin (no I/O): the briefing's directives (seg, zh, en, qa, item, lead, speakers, captions) become
// elements with classes and languages; any other directive goes back to plain text, so no newspaper text is lost.
import type { Root } from 'mdast';
import type { ContainerDirective, LeafDirective, TextDirective } from 'mdast-util-directive';
import { visit } from 'unist-util-visit';

type Directive = ContainerDirective | LeafDirective | TextDirective;

const ELEMENTS: Record<string, { tag: string; className: string }> = {
  seg: { tag: 'div', className: 'seg' },
  zh: { tag: 'div', className: 'zh' },
  en: { tag: 'div', className: 'en' },
  qa: { tag: 'section', className: 'qa' },
  item: { tag: 'section', className: 'item' },
  lead: { tag: 'aside', className: 'lead' },
  speakers: { tag: 'div', className: 'speakers' },
  captions: { tag: 'div', className: 'captions' },
  toc: { tag: 'nav', className: 'toc' },
  keyterms: { tag: 'aside', className: 'key-terms' },
};

export interface BriefingDirectiveOptions {
  /** BCP 47 tag of the Chinese text (zh-Hans, or zh-Hant for a traditional source shown as such). */
  zhLang?: string;
}

export function remarkBriefingDirectives(options: BriefingDirectiveOptions = {}) {
  const zhLang = options.zhLang ?? 'zh-Hans';
  return (tree: Root) => {
    visit(tree, (node, index, parent) => {
      if (node.type !== 'containerDirective' && node.type !== 'leafDirective' && node.type !== 'textDirective') return;
      const directive = node as Directive;
      const known = directive.type === 'containerDirective' ? ELEMENTS[directive.name] : undefined;
      if (!known) {
        // Not ours: restore the text it came from.
        if (parent && index !== undefined) {
          const label = directive.type === 'textDirective' ? ':' : directive.type === 'leafDirective' ? '::' : ':::';
          (parent.children as unknown[]).splice(
            index,
            1,
            { type: 'text', value: `${label}${directive.name}` },
            ...(directive.children as unknown[]),
          );
        }
        return;
      }
      const attributes = directive.attributes ?? {};
      const properties: Record<string, unknown> = { className: [known.className] };
      if (directive.name === 'seg') {
        if (attributes.id) properties.id = attributes.id;
        if (attributes.class) (properties.className as string[]).push(`seg--${attributes.class}`);
        if (attributes.status) properties.dataEnStatus = attributes.status;
        if (attributes.note) properties.title = attributes.note;
      }
      if (directive.name === 'zh') properties.lang = zhLang;
      if (directive.name === 'en') properties.lang = 'en';
      if (directive.name === 'item' && attributes.level)
        (properties.className as string[]).push(`item--level-${attributes.level}`);
      if (attributes.number) properties.dataNumber = attributes.number;
      directive.data = { ...(directive.data ?? {}), hName: known.tag, hProperties: properties as never };
    });
  };
}
