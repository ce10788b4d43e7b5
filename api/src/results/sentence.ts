/**
 * The plain sentence under each experiment row: whether a variant's difference to the control is
 * likely real (its 95% interval excludes zero) or how many more customers it would take.
 */
import { samplePerArm } from './stats.js';

export interface ArmCounts {
  label: string;
  customers: number;
  converted: number;
}

const points = (v: number) => (Math.abs(v) * 100).toFixed(1);
const signed = (v: number) => (v * 100).toFixed(1);

/** `diff`, `low` and `high` are the variant's rate minus the control's, as fractions. */
export function verdict(variant: ArmCounts, control: ArmCounts, ci: { diff: number; low: number; high: number }): string {
  if (variant.customers === 0 || control.customers === 0) {
    const empty = variant.customers === 0 ? variant.label : control.label;
    return `not enough data yet: no customers in ${empty} so far`;
  }
  const range = `95% CI ${signed(ci.low)} to ${signed(ci.high)}`;
  if (ci.low > 0 || ci.high < 0) {
    return `${variant.label} converts ${points(ci.diff)} points ${ci.diff > 0 ? 'better' : 'worse'} than ${control.label}, ${range}: likely a real effect`;
  }
  const pv = variant.converted / variant.customers;
  const pc = control.converted / control.customers;
  const perArm = samplePerArm(pv, pc);
  if (!Number.isFinite(perArm)) return `no difference between ${variant.label} and ${control.label} so far (${range} points): not enough data to tell`;
  const more = Math.max(0, perArm - variant.customers) + Math.max(0, perArm - control.customers);
  if (more === 0) return `no clear difference: ${range} points includes zero`;
  return `not enough data yet: about ${more.toLocaleString('en')} more customers needed (${range} points)`;
}
