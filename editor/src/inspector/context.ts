/** What every field widget may need besides its own value: known names, the sample customer, read-only. */
import { createContext, useContext } from 'react';

export interface FormContext {
  /** Paths (inside the node) of Liquid template fields: they get the message editor. */
  templates: ReadonlySet<string>;
  /** Liquid variables to offer, e.g. "customer.firstName". */
  variables: readonly string[];
  /** Known customer attribute names (rule builder suggestions). */
  attributes: readonly string[];
  /** Known event names. */
  events: readonly string[];
  /** Known event property names. */
  properties: readonly string[];
  /** Values the preview renders with. */
  sample: Record<string, unknown>;
  readOnly: boolean;
  /** The journey being edited (the preview's `journey` variable). */
  journey: { id: string; name: string };
  /** The channel of a message node (an SMS body shows its encoding and parts). */
  channel?: string | undefined;
}

export const FormCtx = createContext<FormContext>({
  templates: new Set(),
  variables: [],
  attributes: [],
  events: [],
  properties: [],
  sample: {},
  readOnly: false,
  journey: { id: '', name: '' },
});

export const useForm = (): FormContext => useContext(FormCtx);

/** "branches.0.label" → a stable test id. */
export const fieldId = (path: string): string => `field-${path}`;

/** The id of a field's visible label, which names its inputs for assistive technology (axe's label rule). */
export const labelId = (path: string): string => `label-${path}`;
