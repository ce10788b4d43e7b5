/**
 * Block emails: the marketer composes an email from a list of blocks (heading, text, image,
 * button, divider, spacer, two columns) instead of writing MJML. The blocks compile to MJML
 * source, Liquid left in place, which then takes the same path as a hand-written MJML body
 * (render with escaped Liquid output, `mjml` to HTML, generated plain text), so previews, tests,
 * tracking and sends need nothing of their own.
 *
 * Browser-safe: the editor compiles blocks to show the MJML a "switch to source" will keep.
 */
import { z } from 'zod';

const id = z.string().min(1).max(64);
/** Free text with Liquid; literal text is escaped into MJML, Liquid tags are kept verbatim. */
const text = (max: number) => z.string().max(max).default('');
/** Colours as CSS hex only: they are written into MJML attributes. */
const colour = z.string().regex(/^#[0-9a-fA-F]{3,8}$/, 'a colour like #2563eb');

/** One block of an email built with the block editor (heading, text, image, button, divider, spacer...). */
export const EmailBlock = z.discriminatedUnion('kind', [
  z.object({ id, kind: z.literal('heading'), text: text(300), level: z.union([z.literal(1), z.literal(2)]).default(1) }),
  z.object({ id, kind: z.literal('text'), text: text(10_000) }),
  z.object({ id, kind: z.literal('image'), src: text(2000), alt: text(300), href: text(2000), width: z.number().int().min(16).max(600).default(600) }),
  z.object({ id, kind: z.literal('button'), label: text(200), href: text(2000), color: colour.default('#2563eb') }),
  z.object({ id, kind: z.literal('divider') }),
  z.object({ id, kind: z.literal('spacer'), height: z.number().int().min(4).max(200).default(24) }),
  z.object({ id, kind: z.literal('columns'), left: text(5000), right: text(5000) }),
]);
export type EmailBlock = z.infer<typeof EmailBlock>;
/** The kind of an email block. */
export type EmailBlockKind = EmailBlock['kind'];

/** The block kinds the block editor offers, in order, with their titles. */
export const EMAIL_BLOCK_KINDS: ReadonlyArray<{ kind: EmailBlockKind; title: string }> = [
  { kind: 'heading', title: 'Heading' },
  { kind: 'text', title: 'Text' },
  { kind: 'image', title: 'Image' },
  { kind: 'button', title: 'Button' },
  { kind: 'divider', title: 'Divider' },
  { kind: 'spacer', title: 'Spacer' },
  { kind: 'columns', title: 'Two columns' },
];

/** A new block of a kind, with placeholder content a marketer replaces. */
export function newEmailBlock(kind: EmailBlockKind, blockId: string): EmailBlock {
  switch (kind) {
    case 'heading':
      return { id: blockId, kind, text: 'Hello {{ customer.firstName | default: "there" }}', level: 1 };
    case 'text':
      return { id: blockId, kind, text: 'Write your message here.' };
    case 'image':
      return { id: blockId, kind, src: '', alt: '', href: '', width: 600 };
    case 'button':
      return { id: blockId, kind, label: 'Open', href: 'https://', color: '#2563eb' };
    case 'divider':
      return { id: blockId, kind };
    case 'spacer':
      return { id: blockId, kind, height: 24 };
    case 'columns':
      return { id: blockId, kind, left: 'Left column', right: 'Right column' };
  }
}

/** The blocks a new block email starts with. */
export function starterEmailBlocks(): EmailBlock[] {
  return [newEmailBlock('heading', 'b1'), newEmailBlock('text', 'b2'), newEmailBlock('button', 'b3')];
}

const LIQUID = /(\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\})/;
const escapeXml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * Literal text escaped for MJML, Liquid kept as written (its output is escaped when rendered,
 * the markup field's rule). Newlines in text become line breaks.
 */
function literal(s: string, { breaks = false } = {}): string {
  return s
    .split(LIQUID)
    .map((part, i) => (i % 2 === 1 ? part : breaks ? escapeXml(part).replace(/\r?\n/g, '<br />') : escapeXml(part)))
    .join('');
}

/**
 * A link target: http(s) or mailto, or starting with Liquid (checked again nowhere else, so a
 * `javascript:` link typed into a block never reaches an email). Anything else is dropped.
 */
function safeHref(href: string): string | undefined {
  const h = href.trim();
  if (!h) return undefined;
  if (/^(https?:\/\/|mailto:)/i.test(h) || /^\{\{/.test(h)) return literal(h);
  return undefined;
}

function blockMjml(b: EmailBlock): string {
  switch (b.kind) {
    case 'heading':
      return `<mj-text font-size="${b.level === 1 ? 26 : 20}px" font-weight="bold" line-height="1.3">${literal(b.text)}</mj-text>`;
    case 'text':
      return `<mj-text font-size="16px" line-height="1.5">${literal(b.text, { breaks: true })}</mj-text>`;
    case 'image': {
      const src = safeHref(b.src);
      if (!src) return '';
      const href = safeHref(b.href);
      return `<mj-image src="${src}" alt="${literal(b.alt)}" width="${b.width}px"${href ? ` href="${href}"` : ''} />`;
    }
    case 'button': {
      const href = safeHref(b.href);
      return `<mj-button background-color="${b.color}" font-size="16px"${href ? ` href="${href}"` : ''}>${literal(b.label)}</mj-button>`;
    }
    case 'divider':
      return '<mj-divider border-width="1px" border-color="#d1d5db" />';
    case 'spacer':
      return `<mj-spacer height="${b.height}px" />`;
    case 'columns':
      // Its own section: MJML stacks the two columns on narrow screens.
      return '';
  }
}

/**
 * The MJML of a block email. Consecutive single blocks share one section and column; a
 * two-column block is a section of its own (columns only stack at the section level).
 */
export function emailBlocksToMjml(blocks: readonly EmailBlock[]): string {
  const sections: string[] = [];
  let run: string[] = [];
  const flush = () => {
    if (run.length) sections.push(`    <mj-section background-color="#ffffff" padding="8px 24px">\n      <mj-column>\n${run.map((r) => `        ${r}`).join('\n')}\n      </mj-column>\n    </mj-section>`);
    run = [];
  };
  for (const b of blocks) {
    if (b.kind === 'columns') {
      flush();
      const col = (t: string) => `      <mj-column>\n        <mj-text font-size="16px" line-height="1.5">${literal(t, { breaks: true })}</mj-text>\n      </mj-column>`;
      sections.push(`    <mj-section background-color="#ffffff" padding="8px 24px">\n${col(b.left)}\n${col(b.right)}\n    </mj-section>`);
      continue;
    }
    const m = blockMjml(b);
    if (m) run.push(m);
  }
  flush();
  return `<mjml>\n  <mj-body background-color="#f3f4f6">\n${sections.join('\n')}\n  </mj-body>\n</mjml>\n`;
}

/** Every field of every block that holds Liquid, as `blocks.<i>.<field>` (template checks). */
export function emailBlockTemplates(blocks: readonly EmailBlock[]): Array<{ field: string; template: string }> {
  const out: Array<{ field: string; template: string }> = [];
  blocks.forEach((b, i) => {
    for (const [k, v] of Object.entries(b)) if (typeof v === 'string' && k !== 'id' && k !== 'kind' && k !== 'color') out.push({ field: `blocks.${i}.${k}`, template: v });
  });
  return out;
}
