/**
 * The template gallery (#/templates): browse lifecycle playbooks by stage, search them, preview
 * one read-only with the events and attributes it needs, and "Use template": fill its parameters
 * and open the new draft on the canvas.
 */
import { useEffect, useMemo, useState } from 'react';
import { LifecycleStage } from '@cairn/core';
import type { TemplateDetail } from '@cairn/templates';
import { go } from '../router.js';
import type { GalleryClient, TemplateCard } from './client.js';
import { galleryClient } from './client.js';
import { TemplatePreview } from './TemplatePreview.js';
import { UseTemplateForm } from './UseTemplateForm.js';
import './gallery.css';

export function GalleryPage() {
  const [gallery, setGallery] = useState<GalleryClient>();
  const [all, setAll] = useState<TemplateCard[]>();
  const [stage, setStage] = useState<LifecycleStage>();
  const [query, setQuery] = useState('');
  const [shown, setShown] = useState<TemplateCard[]>();
  const [open, setOpen] = useState<TemplateDetail>();
  const [using, setUsing] = useState(false);
  const [error, setError] = useState('');

  useEffect(() => {
    galleryClient().then(async (g) => {
      setGallery(g);
      setAll(await g.list());
    }, (e: Error) => setError(e.message));
  }, []);
  useEffect(() => {
    if (!gallery) return;
    let live = true;
    gallery.list(stage, query.trim() || undefined).then((l) => live && setShown(l), (e: Error) => setError(e.message));
    return () => {
      live = false;
    };
  }, [gallery, stage, query]);

  // Only stages some template has, in the lifecycle's order.
  const stages = useMemo(() => LifecycleStage.options.filter((s) => all?.some((t) => t.stage === s)), [all]);

  const preview = async (id: string) => {
    setUsing(false);
    const t = await gallery?.get(id);
    setOpen(t);
  };

  return (
    <div className="page gallery-page" data-testid="gallery-page">
      <header className="topbar">
        <a className="home" href="#/">
          ← Journeys
        </a>
        <h1>Template gallery</h1>
        <input
          className="gallery-search"
          type="search"
          placeholder="Search templates (English or Tiếng Việt)…"
          data-testid="gallery-search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
        />
      </header>
      <nav className="stage-chips" data-testid="stage-chips">
        <button className={stage ? '' : 'active'} data-testid="stage-all" onClick={() => setStage(undefined)}>
          All
        </button>
        {stages.map((s) => (
          <button key={s} className={stage === s ? 'active' : ''} data-testid={`stage-${s}`} onClick={() => setStage(s)}>
            {s}
          </button>
        ))}
      </nav>
      {error && <div className="error">{error}</div>}
      <div className="gallery-body">
        <ul className="template-cards" data-testid="template-cards">
          {shown?.map((t) => (
            <li key={t.id} className={`template-card${open?.id === t.id ? ' open' : ''}`} data-testid={`template-card-${t.id}`} data-stage={t.stage}>
              <button className="card-body" onClick={() => void preview(t.id)} data-testid={`template-open-${t.id}`}>
                <span className={`stage-badge stage-${t.stage}`}>{t.stage}</span>
                <strong>{t.title}</strong>
                <span className="muted">{t.description}</span>
                <span className="goal">Goal: {t.goal.event}</span>
              </button>
            </li>
          ))}
          {shown?.length === 0 && (
            <li className="muted" data-testid="gallery-empty">
              No template matches.
            </li>
          )}
        </ul>
        {open && (
          <section className="template-detail" data-testid="template-preview" data-template={open.id}>
            <header>
              <h2>{open.title}</h2>
              <button className="primary" data-testid="use-template" onClick={() => setUsing(true)}>
                Use template
              </button>
              <button className="link" data-testid="close-preview" onClick={() => setOpen(undefined)}>
                close
              </button>
            </header>
            <p>{open.description}</p>
            <p>
              <strong>Goal:</strong> {open.goal.description} (<code>{open.goal.event}</code>)
            </p>
            {using && gallery ? (
              <UseTemplateForm
                key={open.id}
                templateId={open.id}
                title={open.title}
                parameters={open.parameters}
                onCancel={() => setUsing(false)}
                onSubmit={async (params, name) => go(`/j/${await gallery.instantiate(open.id, params, name)}`)}
              />
            ) : (
              <TemplatePreview journey={open.journey} />
            )}
            <div className="expects">
              <div data-testid="template-events">
                <h4>Events it needs</h4>
                <ul>
                  {open.expects.events.map((e) => (
                    <li key={e.name}>
                      <code>{e.name}</code>
                      {e.properties.length > 0 && <span className="muted"> ({e.properties.join(', ')})</span>} — {e.description}
                    </li>
                  ))}
                </ul>
              </div>
              <div data-testid="template-attributes">
                <h4>Customer attributes it reads</h4>
                <ul>
                  {open.expects.attributes.map((a) => (
                    <li key={a.name}>
                      <code>{a.name}</code> — {a.description}
                    </li>
                  ))}
                  {open.expects.attributes.length === 0 && <li className="muted">none</li>}
                </ul>
              </div>
            </div>
          </section>
        )}
      </div>
    </div>
  );
}
