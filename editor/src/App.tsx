/** Pages: the journeys list, the editor and a customer's page. */
import { lazy, Suspense } from 'react';
import { CustomerPage } from './live/CustomerPage.js';
import { JourneysPage } from './live/JourneysPage.js';
import { EditorPage } from './pages/EditorPage.js';
import { useRoute } from './router.js';

// The gallery (and the template library it carries) loads when first opened.
const GalleryPage = lazy(() => import('./gallery/GalleryPage.js').then((m) => ({ default: m.GalleryPage })));

export function App() {
  const route = useRoute();
  if (route.page === 'editor') return <EditorPage id={route.id} {...(route.version !== undefined ? { version: route.version } : {})} />;
  if (route.page === 'templates')
    return (
      <Suspense fallback={<div className="loading">Loading…</div>}>
        <GalleryPage />
      </Suspense>
    );
  if (route.page === 'customer') return <CustomerPage id={route.id} />;
  return <JourneysPage />;
}
