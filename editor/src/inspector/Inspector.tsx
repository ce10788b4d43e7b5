/**
 * The inspector: the selected step's form, derived from its kind's schema, or the journey's own
 * settings when nothing is selected. Every change updates the journey (one undoable step).
 */
import { useMemo } from 'react';
import type { Catalog, Journey, JourneyNode } from '@cairn/core';
import { definitionOf, messageSpecOf, starterEmailBlocks, Journey as JourneySchema } from '@cairn/core';
import { EmailBlocks } from './EmailBlocks.js';
import { glyph } from '../canvas/icons.js';
import type { FormContext } from './context.js';
import { FormCtx, fieldId } from './context.js';
import { MessageTest } from './MessageTest.js';
import { ObjectEditor } from './FieldEditor.js';
import { onActionChange, upgradedNode, withActionFields } from './custom.js';
import { fieldsOf, NODE_CHROME } from './spec.js';
import { knownNames, templateVariables } from './variables.js';
import { timeZones, TIME_ZONE_LIST_ID, TOPIC_LIST_ID, useTopics } from './options.js';
import { useIdle } from '../state/useIdle.js';

/**
 * The lists free-text fields suggest from (FieldEditor's SUGGESTED): rendered once per inspector,
 * once the page has drawn (the time zones are some 400 options nobody reads while it opens).
 */
function Suggestions() {
  const topics = useTopics();
  const idle = useIdle();
  const zones = useMemo(() => (idle ? timeZones() : []), [idle]);
  return (
    <>
      <datalist id={TIME_ZONE_LIST_ID}>
        {zones.map((z) => (
          <option key={z} value={z} />
        ))}
      </datalist>
      <datalist id={TOPIC_LIST_ID}>
        {topics.map((t) => (
          <option key={t} value={t} />
        ))}
      </datalist>
    </>
  );
}

export interface InspectorProps {
  journey: Journey;
  node: JourneyNode | undefined;
  readOnly: boolean;
  sample: Record<string, unknown>;
  /** Attributes and events the workspace has seen (suggestions). */
  catalog: Catalog;
  problems: ReadonlyArray<{ message: string; severity: string }>;
  onNodeChange(node: JourneyNode): void;
  onJourneyChange(fn: (j: Journey) => Journey): void;
}

/** Template fields of a node, including every translation of a template field. */
function templatePaths(node: JourneyNode): Set<string> {
  let fields: string[] = [];
  try {
    fields = (definitionOf(node.type).templates?.(node) ?? []).map((t) => t.field);
  } catch {
    fields = [];
  }
  const out = new Set(fields);
  const locales = Object.keys((node as { translations?: Record<string, unknown> }).translations ?? {});
  for (const loc of locales) for (const f of fields) if (!f.startsWith('translations.')) out.add(`translations.${loc}.${f}`);
  return out;
}

const JOURNEY_FIELDS = fieldsOf(JourneySchema).filter((f) => ['name', 'description', 'stage', 'settings'].includes(f.key));

export function Inspector({ journey, node, readOnly, sample, catalog, problems, onNodeChange, onJourneyChange }: InspectorProps) {
  const names = useMemo(() => knownNames(journey, catalog), [journey, catalog]);
  const ctx: FormContext = useMemo(
    () => ({
      templates: node ? templatePaths(node) : new Set(),
      variables: templateVariables(names),
      attributes: names.attributes,
      events: names.events,
      properties: names.properties,
      sample,
      readOnly,
      journey: { id: journey.id, name: journey.name },
      channel: node ? messageSpecOf(definitionOf(node.type))?.channel : undefined,
    }),
    [node, names, sample, readOnly, journey.id, journey.name],
  );

  if (!node) {
    return (
      <FormCtx.Provider value={ctx}>
        <div className="inspector" data-testid="inspector">
          <Suggestions />
          <h2>Journey</h2>
          <p className="muted">Select a step to edit it. Journey id: {journey.id}</p>
          <ObjectEditor
            fields={JOURNEY_FIELDS}
            value={journey}
            path=""
            onChange={(v) => onJourneyChange((j) => ({ ...j, ...(v as Partial<Journey>), nodes: j.nodes, edges: j.edges, id: j.id }))}
          />
        </div>
      </FormCtx.Provider>
    );
  }

  const def = definitionOf(node.type);
  const shown = upgradedNode(node);
  // A block email is edited block by block (EmailBlocks); its format leaves "blocks" only through
  // that editor's confirmed switch to MJML source.
  const blockEmail = node.type === 'action.email' && node.format === 'blocks';
  const hidden = new Set(node.type === 'action.email' ? (blockEmail ? ['blocks', 'body', 'format'] : ['blocks']) : []);
  const fields = withActionFields(shown, fieldsOf(def.schema).filter((f) => !NODE_CHROME.has(f.key) && !hidden.has(f.key)));
  const set = (patch: Record<string, unknown>) => onNodeChange({ ...node, ...patch } as JourneyNode);
  const changed = (v: JourneyNode) => {
    // Choosing blocks starts from a few blocks to edit; the body written so far stays, unused.
    if (v.type === 'action.email' && v.format === 'blocks' && !v.blocks?.length) return onNodeChange(onActionChange(shown, { ...v, blocks: starterEmailBlocks() }));
    onNodeChange(onActionChange(shown, v));
  };
  return (
    <FormCtx.Provider value={ctx}>
      <div className="inspector" data-testid="inspector" data-node={node.id}>
        <Suggestions />
        <h2>
          {glyph(def.icon)} {def.title}
        </h2>
        <p className="muted">
          {def.description} <code>{node.id}</code>
        </p>
        {problems.length > 0 && (
          <ul className="node-problems" data-testid="inspector-problems">
            {problems.map((p, i) => (
              <li key={i} className={p.severity}>
                {p.message}
              </li>
            ))}
          </ul>
        )}
        <div className="field">
          <label className="field-label" htmlFor="inspector-label">Label</label>
          <input
            id="inspector-label"
            data-testid={fieldId('label')}
            value={node.label ?? ''}
            placeholder={def.title}
            disabled={readOnly}
            onChange={(e) => set({ label: e.target.value || undefined })}
          />
        </div>
        <ObjectEditor fields={fields} value={shown} path="" onChange={(v) => changed(v as JourneyNode)} />
        {blockEmail && <EmailBlocks node={node} onChange={onNodeChange} />}
        <div className="field">
          <label className="field-label" htmlFor="inspector-notes">Notes</label>
          <textarea id="inspector-notes" data-testid={fieldId('notes')} value={node.notes ?? ''} disabled={readOnly} rows={2} onChange={(e) => set({ notes: e.target.value || undefined })} />
        </div>
        <MessageTest node={node} sample={sample} />
      </div>
    </FormCtx.Provider>
  );
}
