/**
 * MJML email bodies: the rendered MJML (Liquid already applied, its output HTML-escaped) becomes
 * responsive HTML (`mjml`), and the plain-text part is generated from that HTML (`html-to-text`),
 * so every email carries both. The preheader, when the MJML has no <mj-preview> of its own, is
 * added as one (the hidden preview line mail clients show after the subject).
 */
import { convert } from 'html-to-text';
import mjml2html from 'mjml';
import { RenderError } from './content.js';

export interface CompiledEmail {
  html: string;
  text: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Adds <mj-preview> with the preheader unless the source has one. */
export function withPreview(source: string, preheader: string): string {
  if (!preheader || /<mj-preview[\s>]/i.test(source)) return source;
  const preview = `<mj-preview>${escapeHtml(preheader)}</mj-preview>`;
  if (/<mj-head[^>]*>/i.test(source)) return source.replace(/<mj-head([^>]*)>/i, `<mj-head$1>${preview}`);
  return source.replace(/<mjml([^>]*)>/i, `<mjml$1><mj-head>${preview}</mj-head>`);
}

/** Compiles a rendered MJML body; a source MJML cannot read is a RenderError on `field`. */
export async function compileMjml(source: string, preheader: string, field = 'body'): Promise<CompiledEmail> {
  if (!/<mjml[\s>]/i.test(source)) throw new RenderError(field, new Error('an MJML body starts with <mjml>'));
  let result: Awaited<ReturnType<typeof mjml2html>>;
  try {
    // "soft": unknown attributes and misplaced tags are reported, not fatal (MJML's own default).
    result = await mjml2html(withPreview(source, preheader), { validationLevel: 'soft', keepComments: false });
  } catch (err) {
    throw new RenderError(field, err);
  }
  const text = convert(result.html, {
    wordwrap: 78,
    selectors: [
      { selector: 'img', format: 'skip' },
      { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
      // The preview line is for the inbox list only.
      { selector: 'div[style*="display:none"]', format: 'skip' },
    ],
  });
  return { html: result.html, text: text.trim() };
}
