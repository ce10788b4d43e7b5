/**
 * A provider's settings form, built from the JSON Schema of its zod settings (z.toJSONSchema on
 * the server): text, number, choice, yes/no and a list (one per line). Enough for providers'
 * settings, which are flat by design (secrets live in the environment, not here).
 */
export interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  description?: string;
  items?: JsonSchema;
  pattern?: string;
}

const LABELS: Record<string, string> = {
  from: 'Sender',
  helpText: 'Answer to HELP',
  subject: 'Contact for push services (VAPID subject)',
  ttlSeconds: 'Keep undelivered messages for (seconds)',
  urgency: 'Urgency',
  endpointHosts: 'Push services accepted (one host per line)',
  androidChannelId: 'Android notification channel id',
  priority: 'Priority',
  messageStream: 'Message stream',
  phoneNumberId: 'Phone number id (WhatsApp Manager)',
  templateName: 'Approved template (empty: free text)',
  templateLanguage: 'Template language',
  templateId: 'Template id (empty: customer service text)',
  templateTextParam: 'Template field for the step’s text',
  znsTemplateId: 'ZNS template id (customers known by phone)',
  znsTextParam: 'ZNS template parameter for the step’s text',
  znsDevelopment: 'ZNS development mode',
};

function label(key: string): string {
  return LABELS[key] ?? key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase());
}

export function SettingsFields({ schema, value, onChange, idPrefix }: { schema: JsonSchema; value: Record<string, unknown>; onChange: (v: Record<string, unknown>) => void; idPrefix: string }) {
  const props = Object.entries(schema.properties ?? {});
  if (props.length === 0) return <p className="muted small">No settings.</p>;
  const set = (key: string, v: unknown) => {
    const next = { ...value };
    if (v === undefined || v === '') delete next[key];
    else next[key] = v;
    onChange(next);
  };
  return (
    <div className="settings-fields">
      {props.map(([key, p]) => {
        const current = value[key] ?? p.default;
        const testId = `${idPrefix}-setting-${key}`;
        const optional = !(schema.required ?? []).includes(key) || p.default !== undefined;
        let input;
        if (p.enum) {
          input = (
            <select value={String(current ?? '')} onChange={(e) => set(key, e.target.value)} data-testid={testId}>
              {p.enum.map((o) => (
                <option key={String(o)} value={String(o)}>
                  {String(o)}
                </option>
              ))}
            </select>
          );
        } else if (p.type === 'boolean') {
          input = <input type="checkbox" checked={Boolean(current)} onChange={(e) => set(key, e.target.checked)} data-testid={testId} />;
        } else if (p.type === 'number' || p.type === 'integer') {
          input = <input type="number" className="num wide-num" value={current === undefined ? '' : String(current)} onChange={(e) => set(key, e.target.value === '' ? undefined : Number(e.target.value))} data-testid={testId} />;
        } else if (p.type === 'array') {
          input = (
            <textarea
              rows={Math.max(3, (Array.isArray(current) ? current.length : 0) + 1)}
              value={Array.isArray(current) ? current.join('\n') : ''}
              onChange={(e) => set(key, e.target.value.split('\n').map((l) => l.trim()).filter(Boolean))}
              data-testid={testId}
            />
          );
        } else {
          input = <input value={current === undefined ? '' : String(current)} onChange={(e) => set(key, e.target.value)} placeholder={optional ? '' : 'required'} data-testid={testId} />;
        }
        // A yes/no reads as a sentence with its box first, not a box centred under a heading.
        if (p.type === 'boolean') {
          return (
            <label key={key} className="field check">
              {input}
              {label(key)}
            </label>
          );
        }
        return (
          <label key={key} className="field">
            {label(key)}
            {input}
          </label>
        );
      })}
    </div>
  );
}
