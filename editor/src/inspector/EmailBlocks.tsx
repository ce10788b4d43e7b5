/**
 * The block editor of a block email (format "blocks"): the blocks in order, each with its fields
 * (Liquid allowed, previewed per field for the sample customer), move up / down / remove buttons
 * (keyboard reachable, focus follows the moved block, the move is announced), an "add block"
 * picker, a live desktop/mobile preview rendered by the server through the send path, and a
 * one-way switch to MJML source.
 */
import { useEffect, useRef, useState } from 'react';
import { EMAIL_BLOCK_KINDS, emailBlocksToMjml, newEmailBlock, type EmailBlock, type EmailBlockKind, type JourneyNode } from '@cairn/core';
import type { RouterOutputs } from '../api/client.js';
import { serverApi as api } from '../api/server.js';
import { readable, useSession } from '../api/session.js';
import { fieldId, labelId, useForm } from './context.js';
import { MessageField } from './MessageField.js';
import './email-blocks.css';

type Preview = RouterOutputs['channels']['previewEmail'];

const TITLE = Object.fromEntries(EMAIL_BLOCK_KINDS.map((k) => [k.kind, k.title])) as Record<EmailBlockKind, string>;

/** Liquid text fields of each kind, with their labels; other fields get their own widgets. */
const TEXT_FIELDS: Record<EmailBlockKind, ReadonlyArray<{ key: string; label: string; multiline: boolean }>> = {
  heading: [{ key: 'text', label: 'Heading text', multiline: false }],
  text: [{ key: 'text', label: 'Text', multiline: true }],
  image: [
    { key: 'src', label: 'Image URL', multiline: false },
    { key: 'alt', label: 'Alternative text', multiline: false },
    { key: 'href', label: 'Link (optional)', multiline: false },
  ],
  button: [
    { key: 'label', label: 'Button text', multiline: false },
    { key: 'href', label: 'Link', multiline: false },
  ],
  divider: [],
  spacer: [],
  columns: [
    { key: 'left', label: 'Left column', multiline: true },
    { key: 'right', label: 'Right column', multiline: true },
  ],
};

interface Props {
  node: JourneyNode & { blocks?: EmailBlock[] };
  onChange(node: JourneyNode): void;
}

export function EmailBlocks({ node, onChange }: Props) {
  const ctx = useForm();
  const blocks = node.blocks ?? [];
  const [adding, setAdding] = useState<EmailBlockKind>('text');
  const [announce, setAnnounce] = useState('');
  const focusAfter = useRef<string | undefined>(undefined);
  const list = useRef<HTMLOListElement>(null);

  useEffect(() => {
    const target = focusAfter.current;
    if (!target) return;
    focusAfter.current = undefined;
    list.current?.querySelector<HTMLElement>(`[data-focus-key="${target}"]`)?.focus();
  });

  const set = (next: EmailBlock[]) => onChange({ ...node, blocks: next } as JourneyNode);
  const patch = (i: number, p: Partial<EmailBlock>) => set(blocks.map((b, j) => (j === i ? ({ ...b, ...p } as EmailBlock) : b)));
  const move = (i: number, by: -1 | 1) => {
    const j = i + by;
    if (j < 0 || j >= blocks.length) return;
    const next = blocks.slice();
    [next[i], next[j]] = [next[j]!, next[i]!];
    // Focus stays on the same button of the moved block; at either end the other button.
    const edge = (by === -1 && j === 0) || (by === 1 && j === blocks.length - 1);
    focusAfter.current = `${blocks[i]!.id}:${edge ? (by === -1 ? 'down' : 'up') : by === -1 ? 'up' : 'down'}`;
    setAnnounce(`${TITLE[blocks[i]!.kind]} moved to position ${j + 1} of ${blocks.length}`);
    set(next);
  };
  const remove = (i: number) => {
    setAnnounce(`${TITLE[blocks[i]!.kind]} removed`);
    const neighbour = blocks[i + 1] ?? blocks[i - 1];
    if (neighbour) focusAfter.current = `${neighbour.id}:remove`;
    set(blocks.filter((_, j) => j !== i));
  };
  const add = () => {
    const used = new Set(blocks.map((b) => b.id));
    let n = blocks.length + 1;
    while (used.has(`b${n}`)) n++;
    set([...blocks, newEmailBlock(adding, `b${n}`)]);
    setAnnounce(`${TITLE[adding]} added at position ${blocks.length + 1}`);
  };
  const toSource = () => {
    if (!window.confirm('Switch this email to MJML source? The blocks become MJML you edit by hand; you cannot go back to blocks.')) return;
    const { blocks: _dropped, ...rest } = node;
    onChange({ ...rest, format: 'mjml', body: emailBlocksToMjml(blocks) } as JourneyNode);
  };

  return (
    <section className="field email-blocks" aria-labelledby="email-blocks-title" data-testid="email-blocks">
      <h3 id="email-blocks-title" className="field-label">
        Email blocks
      </h3>
      <p className="muted hint">Liquid works in every text, e.g. {'{{ customer.firstName }}'}.</p>
      <p className="sr-only" aria-live="polite" data-testid="email-blocks-status">
        {announce}
      </p>
      <ol ref={list} className="email-blocks-list">
        {blocks.map((b, i) => {
          const name = `${TITLE[b.kind]} (block ${i + 1} of ${blocks.length})`;
          return (
            <li key={b.id} className={`email-block email-block-${b.kind}`} data-testid={`block-${i}`} data-kind={b.kind}>
              <fieldset>
                <legend>
                  {i + 1}. {TITLE[b.kind]}
                </legend>
                {!ctx.readOnly && (
                  <div className="email-block-tools">
                    <button type="button" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${name} up`} data-focus-key={`${b.id}:up`} data-testid={`block-${i}-up`}>
                      ↑
                    </button>
                    <button type="button" onClick={() => move(i, 1)} disabled={i === blocks.length - 1} aria-label={`Move ${name} down`} data-focus-key={`${b.id}:down`} data-testid={`block-${i}-down`}>
                      ↓
                    </button>
                    <button type="button" onClick={() => remove(i)} aria-label={`Remove ${name}`} data-focus-key={`${b.id}:remove`} data-testid={`block-${i}-remove`}>
                      ✕
                    </button>
                  </div>
                )}
                {TEXT_FIELDS[b.kind].map((f) => {
                  const path = `blocks.${i}.${f.key}`;
                  return (
                    <div className="field" key={f.key}>
                      <label className="field-label" id={labelId(path)} htmlFor={fieldId(path)}>
                        {f.label}
                      </label>
                      <MessageField path={path} multiline={f.multiline} value={String((b as Record<string, unknown>)[f.key] ?? '')} onChange={(v) => patch(i, { [f.key]: v } as Partial<EmailBlock>)} />
                    </div>
                  );
                })}
                {b.kind === 'heading' && (
                  <label className="inline">
                    Size{' '}
                    <select value={b.level} disabled={ctx.readOnly} onChange={(e) => patch(i, { level: Number(e.target.value) as 1 | 2 })} data-testid={`block-${i}-level`}>
                      <option value={1}>Large</option>
                      <option value={2}>Medium</option>
                    </select>
                  </label>
                )}
                {b.kind === 'button' && (
                  <label className="inline">
                    Colour{' '}
                    <input type="color" value={b.color.length === 7 ? b.color : '#2563eb'} disabled={ctx.readOnly} onChange={(e) => patch(i, { color: e.target.value })} data-testid={`block-${i}-color`} />
                  </label>
                )}
                {b.kind === 'spacer' && (
                  <label className="inline">
                    Height (px){' '}
                    <input type="number" min={4} max={200} value={b.height} disabled={ctx.readOnly} onChange={(e) => patch(i, { height: Math.min(200, Math.max(4, Number(e.target.value) || 4)) })} data-testid={`block-${i}-height`} />
                  </label>
                )}
              </fieldset>
            </li>
          );
        })}
      </ol>
      {blocks.length === 0 && <p className="muted">No blocks yet: add one below.</p>}
      {!ctx.readOnly && (
        <div className="email-blocks-add">
          <label className="inline">
            Add{' '}
            <select value={adding} onChange={(e) => setAdding(e.target.value as EmailBlockKind)} data-testid="block-add-kind">
              {EMAIL_BLOCK_KINDS.map((k) => (
                <option key={k.kind} value={k.kind}>
                  {k.title}
                </option>
              ))}
            </select>
          </label>
          <button type="button" onClick={add} data-testid="block-add">
            Add block
          </button>
          <button type="button" onClick={toSource} data-testid="email-blocks-to-mjml">
            Switch to MJML source…
          </button>
        </div>
      )}
      <LivePreview node={node} />
    </section>
  );
}

/** The email as the server renders it for the sample customer, redrawn shortly after each edit. */
function LivePreview({ node }: { node: JourneyNode }) {
  const session = useSession();
  const { sample } = useForm();
  const [width, setWidth] = useState<'desktop' | 'mobile'>('desktop');
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<string>();
  const signedIn = session.status === 'signed-in';
  const key = JSON.stringify([node, sample]);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    const t = setTimeout(() => {
      api()
        .channels.previewEmail.mutate({ node, sample })
        .then((p) => live && (setPreview(p), setError(undefined)))
        .catch((e: unknown) => live && setError(readable(e)));
    }, 400);
    return () => {
      live = false;
      clearTimeout(t);
    };
    // `key` stands for node and sample: a new object with the same content is no edit.
  }, [key, signedIn]);
  if (!signedIn) return <p className="muted">The live preview needs the Cairn server.</p>;
  return (
    <div className="email-blocks-preview" data-testid="email-blocks-preview">
      <div role="radiogroup" aria-label="Preview width" className="email-blocks-widths">
        {(['desktop', 'mobile'] as const).map((w) => (
          <label key={w} className="inline">
            <input type="radio" name={`preview-width-${node.id}`} checked={width === w} onChange={() => setWidth(w)} data-testid={`email-blocks-preview-${w}-toggle`} /> {w === 'desktop' ? 'Desktop' : 'Mobile'}
          </label>
        ))}
      </div>
      {error && (
        <p className="error" role="alert" data-testid="email-blocks-preview-error">
          {error}
        </p>
      )}
      {preview?.html && (
        <div className={`email-blocks-frame ${width}`}>
          {/* sandbox="": no scripts, no forms, no navigation from inside the preview. */}
          {/* One frame for both widths: switching keeps the rendered document instead of loading it again. */}
          <iframe key="frame" title={`Live ${width} preview`} sandbox="" srcDoc={preview.html} data-testid={`email-blocks-preview-${width}`} />
        </div>
      )}
    </div>
  );
}
