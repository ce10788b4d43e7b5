/**
 * Connecting two steps by keyboard (Shift-C with one step selected): pick the output (when the
 * step has several) and the step it leads to, by title; Enter connects. The same edit as dragging
 * a handle to a step (ops.connect: an output leads to one place, so its old connection goes).
 */
import { useState } from 'react';
import type { Journey, JourneyNode } from '@cairn/core';
import { definitionOf, stepRef } from '@cairn/core';
import { ConfirmDialog } from '../live/ConfirmDialog.js';
import { acceptsInput } from '../state/ops.js';

export function ConnectDialog({ journey, from, onConnect, onClose }: { journey: Journey; from: JourneyNode; onConnect(handle: string, target: string): void; onClose(): void }) {
  const outputs = definitionOf(from.type).outputs(from);
  const targets = journey.nodes.filter((n) => n.id !== from.id && acceptsInput(n.type));
  // The first output with nothing connected, else the first.
  const free = outputs.find((o) => !journey.edges.some((e) => e.source === from.id && (e.sourceHandle ?? 'next') === o.id));
  const [handle, setHandle] = useState(free?.id ?? outputs[0]?.id ?? '');
  const current = journey.edges.find((e) => e.source === from.id && (e.sourceHandle ?? 'next') === handle)?.target;
  const [target, setTarget] = useState(targets.find((t) => t.id !== current)?.id ?? '');
  const blocked = outputs.length === 0 ? 'This step has no output' : targets.length === 0 ? 'No step to connect to' : undefined;
  return (
    <ConfirmDialog
      title={`Connect “${stepRef(from).title}” to…`}
      confirm="Connect"
      testId="connect-dialog"
      blocked={blocked}
      onConfirm={async () => {
        onConnect(handle, target);
        onClose();
      }}
      onClose={onClose}
    >
      {outputs.length > 1 && (
        <label className="connect-field">
          From its output{' '}
          <select data-testid="connect-output" value={handle} onChange={(e) => setHandle(e.target.value)}>
            {outputs.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="connect-field">
        To the step{' '}
        <select data-testid="connect-target" value={target} onChange={(e) => setTarget(e.target.value)} autoFocus>
          {targets.map((t) => (
            <option key={t.id} value={t.id}>
              {stepRef(t).title}
              {t.id === current ? ' (connected now)' : ''}
            </option>
          ))}
        </select>
      </label>
      {blocked && <p className="muted">{blocked}.</p>}
    </ConfirmDialog>
  );
}
