/**
 * How a journey step looks on the canvas: kind icon and title, the marketer's label, problem
 * badge, live counts, and one labelled handle per output (from the kind's `outputs()`).
 */
import { Fragment, memo, useContext } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { Handle, Position } from '@xyflow/react';
import type { JourneyNode } from '@cairn/engine';
import { definitionOf, kindIconOf, kindTitleOf } from '@cairn/engine';
import type { NodeCounts } from '../api/client.js';
import { acceptsInput } from '../state/ops.js';
import { FarContext } from './detail.js';
import { outputLeft, safeOutputs } from './handles.js';
import { glyph } from './icons.js';
import { summarize } from './summary.js';

export interface NodeData extends Record<string, unknown> {
  node: JourneyNode;
  errors: number;
  warnings: number;
  firstProblem?: string;
  visited: boolean;
  counts?: NodeCounts;
}

export type FlowNode = Node<NodeData, 'journey'>;

/** The API's counts as the node shows them: ended runs summed over their reasons, two message outcomes. */
function Counts({ c }: { c: NodeCounts }) {
  const exited = Object.values(c.exited).reduce((a, b) => a + b, 0);
  const sent = c.messages.sent ?? 0;
  const suppressed = c.messages.suppressed ?? 0;
  return (
    <div className="cn-counts" data-testid="node-counts">
      <span title="entered">in {c.entered}</span>
      <span title="waiting here now">wait {c.waitingNow}</span>
      <span title="completed">done {c.completed}</span>
      <span title="exited">out {exited}</span>
      {sent > 0 && <span title="messages sent">sent {sent}</span>}
      {suppressed > 0 && <span title="messages suppressed">supp {suppressed}</span>}
    </div>
  );
}

function JourneyNodeViewImpl({ data, selected }: NodeProps<FlowNode>) {
  const { node, errors, warnings, visited, counts } = data;
  // Far out, only the kind is drawn (detail.ts); the handles stay, edges and connections need them.
  const far = useContext(FarContext);
  const def = definitionOf(node.type);
  const outputs = safeOutputs(node);
  const cls = ['cn', `cn-${def.category}`, selected && 'selected', errors > 0 && 'has-error', visited && 'visited']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid={`node-${node.id}`} data-kind={node.type} title={data.firstProblem}>
      {acceptsInput(node.type) && <Handle type="target" position={Position.Top} id="in" data-testid={`handle-${node.id}-in`} />}
      <div className="cn-head">
        <span className="cn-icon">{glyph(kindIconOf(node))}</span>
        <span className="cn-kind">{kindTitleOf(node)}</span>
        {errors + warnings > 0 && (
          <span className={errors ? 'cn-badge err' : 'cn-badge warn'} data-testid={`node-problems-${node.id}`}>
            {errors + warnings}
          </span>
        )}
      </div>
      {!far && <div className="cn-label">{node.label || summarize(node) || ' '}</div>}
      {!far && counts && <Counts c={counts} />}
      {outputs.map((o, i) => {
        const left = outputLeft(i, outputs.length);
        return (
          <Fragment key={o.id}>
            <Handle
              type="source"
              position={Position.Bottom}
              id={o.id}
              style={{ left }}
              data-testid={`handle-${node.id}-${o.id}`}
            />
            {!far && (outputs.length > 1 || o.id !== 'next') && (
              <span className="cn-out" style={{ left }}>
                <span>{o.label}</span>
              </span>
            )}
          </Fragment>
        );
      })}
    </div>
  );
}

export const JourneyNodeView = memo(JourneyNodeViewImpl);
