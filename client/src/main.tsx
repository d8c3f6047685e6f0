import { Navigate, Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { render } from 'solid-js/web';
import { Layout } from './layout';
import { locale } from './i18n';
import Landing from './pages/landing';
import './styles.css';

const QuizList = lazy(() => import('./pages/quiz-list'));
const QuizPlay = lazy(() => import('./pages/quiz-play'));
const Board = lazy(() => import('./pages/board'));
const HostConsole = lazy(() => import('./contest/host'));
const StageScreen = lazy(() => import('./contest/screen'));
const Overlay = lazy(() => import('./contest/overlay'));
const TeamDevice = lazy(() => import('./contest/team'));
const AudiencePlay = lazy(() => import('./contest/play'));
const JudgePad = lazy(() => import('./contest/judge'));
const ContestList = lazy(() => import('./admin/contests').then((m) => ({ default: m.ContestList })));
const ContestEditor = lazy(() => import('./admin/contests').then((m) => ({ default: m.ContestEditor })));
const GuidePoster = lazy(() => import('./pages/guide-poster'));
const GuideHome = lazy(() => import('./pages/guide-home'));
const NotFound = lazy(() => import('./pages/not-found'));
const AdminLayout = lazy(() => import('./admin/layout'));
const Login = lazy(() => import('./admin/login'));
const BankList = lazy(() => import('./admin/bank-list'));
const QuestionEditor = lazy(() => import('./admin/question-editor'));
const SetList = lazy(() => import('./admin/sets').then((m) => ({ default: m.SetList })));
const SetEditor = lazy(() => import('./admin/sets').then((m) => ({ default: m.SetEditor })));
const ImportExport = lazy(() => import('./admin/import-export'));
const Users = lazy(() => import('./admin/users'));
const CampaignList = lazy(() => import('./admin/campaigns').then((m) => ({ default: m.CampaignList })));
const CampaignEditor = lazy(() => import('./admin/campaigns').then((m) => ({ default: m.CampaignEditor })));
const CampaignStats = lazy(() => import('./admin/campaign-stats'));
const Guides = lazy(() => import('./admin/guides'));
const Briefings = lazy(() => import('./admin/briefings').then((m) => ({ default: m.Briefings })));

document.documentElement.lang = locale();

render(
  () => (
    <Router>
      <Route path="/admin" component={AdminLayout}>
        <Route path="/" component={() => <Navigate href="/admin/bank" />} />
        <Route path="/login" component={Login} />
        <Route path="/bank" component={BankList} />
        <Route path="/bank/:id" component={QuestionEditor} />
        <Route path="/sets" component={SetList} />
        <Route path="/sets/:id" component={SetEditor} />
        <Route path="/import" component={ImportExport} />
        <Route path="/users" component={Users} />
        <Route path="/campaigns" component={CampaignList} />
        <Route path="/campaigns/:id" component={CampaignEditor} />
        <Route path="/campaigns/:id/stats" component={CampaignStats} />
        <Route path="/campaigns/:id/briefings" component={Briefings} />
        <Route path="/guides" component={Guides} />
        <Route path="/contests" component={ContestList} />
        <Route path="/contests/:id" component={ContestEditor} />
      </Route>
      <Route path="/board/:id" component={Board} />
      <Route path="/host/:id" component={HostConsole} />
      <Route path="/screen/:pin" component={StageScreen} />
      <Route path="/overlay/:pin" component={Overlay} />
      <Route path="/team/:pin" component={TeamDevice} />
      <Route path="/play/:pin" component={AudiencePlay} />
      <Route path="/join/:pin" component={AudiencePlay} />
      <Route path="/judge/:pin" component={JudgePad} />
      <Route path="/poster/:guideId/:campaignId" component={GuidePoster} />
      <Route path="/" component={Layout}>
        <Route path="/" component={Landing} />
        <Route path="/quiz" component={QuizList} />
        <Route path="/quiz/:id" component={QuizPlay} />
        <Route path="/guide/:token" component={GuideHome} />
        <Route path="*404" component={NotFound} />
      </Route>
    </Router>
  ),
  document.getElementById('root')!,
);
