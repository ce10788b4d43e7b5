/**
 * Pages: the journeys list, the editor, a customer's page, the gallery and the account page —
 * behind the sign-in form when the editor runs against the API.
 */
import { lazy, Suspense } from 'react';
import { AccountPage } from './access/AccountPage.js';
import { SignIn } from './access/SignIn.js';
import { useSession } from './api/session.js';
import { PolicyPage } from './policy/PolicyPage.js';
import { ChannelsPage } from './channels/ChannelsPage.js';
import { CustomerPage } from './live/CustomerPage.js';
import { JourneysPage } from './live/JourneysPage.js';
import { EditorPage } from './pages/EditorPage.js';
import { useRoute } from './router.js';

// The gallery (and the template library it carries) loads when first opened.
const GalleryPage = lazy(() => import('./gallery/GalleryPage.js').then((m) => ({ default: m.GalleryPage })));
// The results page (and its chart library) too.
const ResultsPage = lazy(() => import('./results/ResultsPage.js').then((m) => ({ default: m.ResultsPage })));
// The customer list and broadcasts, when first opened.
const CustomersPage = lazy(() => import('./customers/CustomersPage.js').then((m) => ({ default: m.CustomersPage })));
const SegmentsPage = lazy(() => import('./segments/SegmentsPage.js').then((m) => ({ default: m.SegmentsPage })));
const SegmentPage = lazy(() => import('./segments/SegmentPage.js').then((m) => ({ default: m.SegmentPage })));
const BroadcastsPage = lazy(() => import('./broadcasts/BroadcastsPage.js').then((m) => ({ default: m.BroadcastsPage })));
// The sales handoff's pages (docs/sales-handoff.md).
const TasksPage = lazy(() => import('./sales/TasksPage.js').then((m) => ({ default: m.TasksPage })));
const TaskPage = lazy(() => import('./sales/TaskPage.js').then((m) => ({ default: m.TaskPage })));
const FiguresPage = lazy(() => import('./sales/FiguresPage.js').then((m) => ({ default: m.FiguresPage })));
const TeamPage = lazy(() => import('./sales/TeamPage.js').then((m) => ({ default: m.TeamPage })));
const OverviewPage = lazy(() => import('./results/OverviewPage.js').then((m) => ({ default: m.OverviewPage })));

export function App() {
  const session = useSession();
  if (session.status === 'checking') return <div className="loading">Loading…</div>;
  if (session.status === 'signed-out') return <SignIn />;
  return (
    <>
      <Page />
      {session.status === 'expired' && <SignIn overlay email={session.email} />}
    </>
  );
}

function Page() {
  const route = useRoute();
  if (route.page === 'editor') return <EditorPage id={route.id} {...(route.version !== undefined ? { version: route.version } : {})} />;
  if (route.page === 'templates')
    return (
      <Suspense fallback={<div className="loading">Loading…</div>}>
        <GalleryPage />
      </Suspense>
    );
  if (route.page === 'results')
    return (
      <Suspense fallback={<div className="loading">Loading…</div>}>
        <ResultsPage id={route.id} />
      </Suspense>
    );
  if (route.page === 'results-overview')
    return (
      <Suspense fallback={<div className="loading">Loading…</div>}>
        <OverviewPage />
      </Suspense>
    );
  if (route.page === 'segments' || route.page === 'segment')
    return <Suspense fallback={<div className="loading">Loading…</div>}>{route.page === 'segments' ? <SegmentsPage /> : <SegmentPage key={route.id} id={route.id} />}</Suspense>;
  if (route.page === 'customers' || route.page === 'broadcasts')
    return <Suspense fallback={<div className="loading">Loading…</div>}>{route.page === 'customers' ? <CustomersPage /> : <BroadcastsPage />}</Suspense>;
  if (route.page === 'tasks' || route.page === 'task' || route.page === 'sales-figures' || route.page === 'sales-team')
    return (
      <Suspense fallback={<div className="loading">Loading…</div>}>
        {route.page === 'tasks' ? <TasksPage /> : route.page === 'task' ? <TaskPage key={route.id} id={route.id} /> : route.page === 'sales-team' ? <TeamPage /> : <FiguresPage />}
      </Suspense>
    );
  if (route.page === 'customer') return <CustomerPage id={route.id} />;
  if (route.page === 'account') return <AccountPage />;
  if (route.page === 'policy') return <PolicyPage />;
  if (route.page === 'channels') return <ChannelsPage />;
  return <JourneysPage />;
}
