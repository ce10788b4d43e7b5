/** Pages: the journeys list and the editor. */
import { JourneysPage } from './live/JourneysPage.js';
import { EditorPage } from './pages/EditorPage.js';
import { useRoute } from './router.js';

export function App() {
  const route = useRoute();
  if (route.page === 'editor') return <EditorPage id={route.id} {...(route.version !== undefined ? { version: route.version } : {})} />;
  return <JourneysPage />;
}
