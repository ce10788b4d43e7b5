/**
 * Trigger: a Typeform form is submitted. Point the form's webhook at
 * `https://<cairn>/v1/hooks/typeform.submitted`, give it a secret and set the same secret as
 * `CAIRN_SECRET_TYPEFORM` on the server: every delivery is verified (Typeform signs the raw body:
 * `Typeform-Signature: sha256=<base64 HMAC-SHA256>`). The form needs a hidden field `user_id`
 * carrying your customer id. Answers become event properties by each field's `ref`
 * (`{{ event.properties.answers.plan }}`), with `formId`, `score` (Typeform's calculated score)
 * and the hidden fields.
 */
import { z } from 'zod';
import { defineTrigger, hmacSha256Base64, sameSignature, TriggerRefusal, type Received } from '../define-trigger.js';

const Answer = z
  .object({
    type: z.string(),
    field: z.object({ id: z.string(), ref: z.string().optional() }),
  })
  .passthrough();

const Delivery = z.object({
  event_id: z.string(),
  event_type: z.string(),
  form_response: z
    .object({
      form_id: z.string(),
      token: z.string(),
      submitted_at: z.string().optional(),
      hidden: z.record(z.string(), z.string()).optional(),
      calculated: z.object({ score: z.number() }).partial().optional(),
      answers: z.array(Answer).optional(),
    })
    .optional(),
});

/** An answer's value, whatever its type ("text", "email", "choice", "choices", "number", "boolean", …). */
function valueOf(answer: z.infer<typeof Answer>): unknown {
  const a = answer as Record<string, unknown>;
  const choice = a.choice as { label?: string } | undefined;
  const choices = a.choices as { labels?: string[] } | undefined;
  if (answer.type === 'choice') return choice?.label ?? null;
  if (answer.type === 'choices') return choices?.labels ?? [];
  return a[answer.type] ?? null;
}

export const typeformSubmitted = defineTrigger({
  type: 'typeform.submitted',
  title: 'Typeform submitted',
  description: 'Starts when a customer submits one of your Typeform forms (its webhook calls Cairn).',
  category: 'Forms',
  icon: 'clipboard',
  config: z.object({
    /** Only this form (its id in the form's URL); empty: any form. */
    formId: z.string().max(64).default(''),
    /** Only answers scoring at least this much (Typeform's calculated score). */
    minScore: z.number().optional(),
  }),
  async receive(call): Promise<Received[]> {
    const secret = call.secret('TYPEFORM');
    if (!secret) throw new TriggerRefusal(403, 'this server takes no Typeform deliveries: CAIRN_SECRET_TYPEFORM is not set (set it to the secret of the form’s webhook)');
    const header = call.headers['typeform-signature'] ?? '';
    if (!sameSignature(header, `sha256=${await hmacSha256Base64(secret, call.rawBody)}`)) throw new TriggerRefusal(401, 'the Typeform-Signature does not match the body signed with CAIRN_SECRET_TYPEFORM');
    const delivery = Delivery.safeParse(call.body);
    if (!delivery.success) throw new TriggerRefusal(400, `not a Typeform webhook delivery: ${delivery.error.issues[0]?.path.join('.') ?? ''} ${delivery.error.issues[0]?.message ?? ''}`.trim());
    const response = delivery.data.form_response;
    // Typeform's "test webhook" and other event types carry no response to act on.
    if (delivery.data.event_type !== 'form_response' || !response) return [];
    const userId = response.hidden?.user_id;
    if (!userId) throw new TriggerRefusal(422, 'the response has no hidden field user_id: add one to the form so Cairn knows who answered');
    const answers: Record<string, unknown> = {};
    for (const a of response.answers ?? []) answers[a.field.ref ?? a.field.id] = valueOf(a);
    return [
      {
        userId,
        messageId: `typeform:${response.token}`,
        ...(response.submitted_at ? { timestamp: response.submitted_at } : {}),
        properties: {
          formId: response.form_id,
          responseId: response.token,
          ...(response.calculated?.score !== undefined ? { score: response.calculated.score } : {}),
          answers,
          hidden: response.hidden ?? {},
        },
      },
    ];
  },
  matches: (config, p) => (!config.formId || p.formId === config.formId) && (config.minScore === undefined || (typeof p.score === 'number' && p.score >= config.minScore)),
  summary: (config) => (config.formId ? `form ${config.formId}` : 'any form'),
  sample: (config) => ({ formId: config.formId || 'abc123', responseId: 'sample', score: 10, answers: { plan: 'pro' }, hidden: { user_id: 'sample' } }),
});
