/**
 * How a journey step looks on the canvas: kind icon and title, the marketer's label, problem
 * badge, live counts, and one labelled handle per output (from the kind's `outputs()`).
 */
import { Fragment, memo, useContext, useMemo } from 'react';
import type { Node, NodeProps } from '@xyflow/react';
import { Handle, Position } from '@xyflow/react';
import type { JourneyNode } from '@cairn/core';
import { groupInWords, kindCategoryOf, kindIconOf, kindTitleOf } from '@cairn/core';
import type { NodeCounts } from '../api/client.js';
import { acceptsInput } from '../state/ops.js';
import { FarContext } from './detail.js';
import { NodeResultsLine } from '../results/overlay/NodeResultsLine.js';
import { useNodeResultsOf } from '../results/overlay/useNodeResults.js';
import { outputLeft, safeOutputs } from './handles.js';
import { glyph } from './icons.js';
import { useSummary } from './summary.js';

export interface NodeData extends Record<string, unknown> {
  node: JourneyNode;
  errors: number;
  warnings: number;
  firstProblem?: string;
  visited: boolean;
  counts?: NodeCounts;
  /** Retired outputs an edge still uses ("a,b"): drawn, unlike unused ones (handles.ts). */
  retiredInUse?: string;
}

export type FlowNode = Node<NodeData, 'journey'>;

/** The edges `safeOutputs` needs to keep a node's retired outputs in use. */
const retiredEdges = (source: string, inUse: string | undefined) => (inUse ? inUse.split(',').map((sourceHandle) => ({ source, sourceHandle })) : undefined);

/**
 * The API's counts in words a marketer reads without a legend: how many entered the step, are
 * here now, went on to the next step, converted (reached a goal), and message outcomes. Failed
 * sends stand out in red; zeros other than "entered" are left out to keep the node short.
 */
function Counts({ c }: { c: NodeCounts }) {
  const ended = Object.values(c.exited).reduce((a, b) => a + b, 0);
  const wentOn = Math.max(0, c.entered - c.waitingNow - ended);
  const converted = c.exited.goal ?? 0;
  const failed = c.messages.failed ?? 0;
  const suppressed = c.messages.suppressed ?? 0;
  return (
    <div className="cn-counts" data-testid="node-counts">
      <span>{c.entered} entered</span>
      {c.waitingNow > 0 && <span>{c.waitingNow} here now</span>}
      {wentOn > 0 && <span>{wentOn} went on</span>}
      {converted > 0 && <span>{converted} converted</span>}
      {failed > 0 && (
        <span className="cn-failed" data-testid="node-failed">
          {failed} failed
        </span>
      )}
      {suppressed > 0 && <span>{suppressed} suppressed</span>}
    </div>
  );
}

/** Most branches a split lists on the node (its height is fixed for the layout); the rest are counted. */
const BRANCH_LINES = 2;

/** A split's branches as "label: conditions in words", one line each, the full text on hover. */
function Branches({ node }: { node: Extract<JourneyNode, { type: 'condition.split' }> }) {
  const lines = useMemo(() => node.branches.map((b) => `${b.label}: ${groupInWords(b.rules)}`), [node.branches]);
  // A marketer's label keeps its line; the branches get what is left.
  const shown = lines.slice(0, node.label ? BRANCH_LINES - 1 : BRANCH_LINES);
  const more = lines.length - shown.length;
  return (
    <div className="cn-branches" data-testid={`node-branches-${node.id}`} title={lines.join('\n')}>
      {node.label && <div className="cn-label">{node.label}</div>}
      {shown.map((l, i) => (
        <div key={i} className="cn-branch">
          {i === shown.length - 1 && more > 0 ? `${l} (+${more} more)` : l}
        </div>
      ))}
    </div>
  );
}

function JourneyNodeViewImpl({ data, selected }: NodeProps<FlowNode>) {
  const { node, errors, warnings, visited, counts } = data;
  // Far out, only the kind is drawn (detail.ts); the handles stay, edges and connections need them.
  const far = useContext(FarContext);
  const outputs = safeOutputs(node, retiredEdges(node.id, data.retiredInUse));
  const summary = useSummary(node, !far && !node.label);
  // The results overlay, when on, takes the place of the live counts (results/overlay).
  const results = useNodeResultsOf(node.id);
  const cls = ['cn', `cn-${kindCategoryOf(node)}`, selected && 'selected', errors > 0 && 'has-error', visited && 'visited']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cls} data-testid={`node-${node.id}`} data-kind={node.type} title={data.firstProblem}>
      {acceptsInput(node.type) && <Handle type="target" position={Position.Top} id="in" data-testid={`handle-${node.id}-in`} />}
      {far && errors + warnings === 0 ? (
        // Far out the head is one element, not three: a big journey opens far out, and its first
        // picture is mostly nodes' elements (test/bench/canvas).
        <div className="cn-head-far">{`${glyph(kindIconOf(node))} ${kindTitleOf(node)}`}</div>
      ) : (
        <div className="cn-head">
          <span className="cn-icon">{glyph(kindIconOf(node))}</span>
          <span className="cn-kind">{kindTitleOf(node)}</span>
          {errors + warnings > 0 && (
            <span className={errors ? 'cn-badge err' : 'cn-badge warn'} data-testid={`node-problems-${node.id}`}>
              {errors + warnings}
            </span>
          )}
        </div>
      )}
      {!far && node.type === 'condition.split' && !counts ? (
        <Branches node={node} />
      ) : (
        !far && <div className="cn-label">{node.label || summary || ' '}</div>
      )}
      {!far && (results ? <NodeResultsLine node={node} r={results} outputs={outputs} /> : counts && <Counts c={counts} />)}
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
