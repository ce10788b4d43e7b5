/** Who follows an output, in words: used by messages about missing connections. */
import type { OutputSpec } from '../nodes/define.js';
import type { JourneyNode } from '../nodes/registry.js';
import { quote } from './problem.js';

function duration(d: { amount: number; unit: string }): string {
  const unit = d.amount === 1 ? d.unit.replace(/s$/, '') : d.unit;
  return `${d.amount} ${unit}`;
}

/** "customers who don't do “Order Completed” within 3 days", "customers in “A 50%”" … */
export function whoTakes(node: JourneyNode, output: OutputSpec): string {
  switch (node.type) {
    case 'wait.event':
      if (output.id === 'event') return `customers who do ${quote(node.event)}`;
      if (output.id === 'timeout') {
        const within = node.timeout ? ` within ${duration(node.timeout)}` : '';
        return `customers who don't do ${quote(node.event)}${within}`;
      }
      break;
    case 'condition.split':
      if (output.id === 'else') return 'customers who match none of the branches';
      return `customers who match ${quote(output.label)}`;
    case 'condition.random':
      if (output.id === 'holdout') return 'customers in the holdout';
      return `customers who land in ${quote(output.label)}`;
    case 'action.webhook':
      return output.id === 'failure' ? 'customers whose webhook call fails' : 'customers whose webhook call succeeds';
    default:
      break;
  }
  return 'customers who reach this step';
}
