/**
 * The message preview, with the engine's Liquid renderer. Loaded on demand (see MessageField): the
 * Liquid engine is not needed to draw the canvas.
 */
import type { Journey } from '@cairn/core';
import { renderScope, renderTemplate } from '@cairn/core';

/** Renders a template for the preview with the engine's renderer (the one simulation and sending use). */
export function renderPreview(
  template: string,
  j: Pick<Journey, 'id' | 'name'>,
  sample: Record<string, unknown>,
): { ok: true; text: string } | { ok: false; error: string } {
  try {
    const { $event, ...attributes } = sample as { $event?: { name?: string; properties?: Record<string, unknown> } };
    const event = { name: $event?.name ?? 'Sample Event', at: Date.now(), properties: $event?.properties ?? {} };
    const scope = renderScope('sample-customer', attributes, event, { id: j.id, name: j.name }, {
      unsubscribe_url: 'https://example.com/unsubscribe',
      preferences_url: 'https://example.com/preferences',
    });
    return { ok: true, text: renderTemplate(template, scope) };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}
