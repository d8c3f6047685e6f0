import { Route, Router } from '@solidjs/router';
import { lazy } from 'solid-js';
import { render } from 'solid-js/web';
import { Layout } from './layout';
import { locale } from './i18n';
import Landing from './pages/landing';
import './styles.css';

const QuizList = lazy(() => import('./pages/quiz-list'));
const Join = lazy(() => import('./pages/join'));
const NotFound = lazy(() => import('./pages/not-found'));

document.documentElement.lang = locale();

render(
  () => (
    <Router root={Layout}>
      <Route path="/" component={Landing} />
      <Route path="/quiz" component={QuizList} />
      <Route path="/join/:pin" component={Join} />
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById('root')!,
);
