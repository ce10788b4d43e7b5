/** Pages: the journeys list, the editor and a customer's page. */
import { GalleryPage } from './gallery/GalleryPage.js';
import { CustomerPage } from './live/CustomerPage.js';
import { JourneysPage } from './live/JourneysPage.js';
import { EditorPage } from './pages/EditorPage.js';
import { useRoute } from './router.js';

export function App() {
  const route = useRoute();
  if (route.page === 'editor') return <EditorPage id={route.id} {...(route.version !== undefined ? { version: route.version } : {})} />;
  if (route.page === 'templates') return <GalleryPage />;
  if (route.page === 'customer') return <CustomerPage id={route.id} />;
  return <JourneysPage />;
}
