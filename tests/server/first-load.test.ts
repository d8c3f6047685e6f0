import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FirstData } from '../../shared/protocol/first-data';
import { inlineJson, PageShell } from '../../server/http/first-load';
import { setUpContest, STAFF_PASSWORD } from '../helpers/contest';
import { login } from '../helpers/http';
import { createCampaign } from '../helpers/quiz';
import { startTestServer, tempDir, type TestServer } from '../helpers/server';

const INDEX = `<!doctype html>
<html lang="zh-CN">
  <head>
    <script type="module" crossorigin src="/assets/index-1.js"></script>
    <link rel="modulepreload" crossorigin href="/assets/i18n-1.js">
    <link rel="stylesheet" crossorigin href="/assets/index-1.css">
  </head>
  <body><div id="root"></div></body>
</html>`;

/** The shape of Vite's manifest for the pages that matter here. */
const MANIFEST = {
  'index.html': { file: 'assets/index-1.js', isEntry: true, imports: ['_i18n-1.js'], css: ['assets/index-1.css'] },
  '_i18n-1.js': { file: 'assets/i18n-1.js' },
  '_api-1.js': { file: 'assets/api-1.js', imports: ['_i18n-1.js'] },
  '_socket-1.js': { file: 'assets/socket-1.js', imports: ['_i18n-1.js'] },
  '_phone-1.js': { file: 'assets/phone-1.js', imports: ['_i18n-1.js'], css: ['assets/phone-1.css'] },
  'src/pages/quiz-play.tsx': { file: 'assets/quiz-play-1.js', isDynamicEntry: true, imports: ['_i18n-1.js', 'index.html', '_api-1.js'] },
  'src/contest/play.tsx': { file: 'assets/play-1.js', isDynamicEntry: true, imports: ['_i18n-1.js', 'index.html', '_phone-1.js', '_socket-1.js'] },
  'src/contest/host.tsx': { file: 'assets/host-1.js', isDynamicEntry: true, imports: ['index.html', '_socket-1.js'] },
};

const firstDataOf = (html: string): FirstData | null => {
  const m = /<script type="application\/json" id="first-data">(.*?)<\/script>/s.exec(html);
  return m ? (JSON.parse(m[1]!) as FirstData) : null;
};

describe('page shell: a phone page announces its scripts and carries its first data', () => {
  it('preloads the page chunk and its imports (not the entry again) and links its stylesheets', () => {
    const shell = new PageShell(INDEX, MANIFEST);
    const quiz = shell.render('/quiz/abcdef12');
    expect(quiz).toContain('<link rel="modulepreload" crossorigin href="/assets/quiz-play-1.js">');
    expect(quiz).toContain('<link rel="modulepreload" crossorigin href="/assets/api-1.js">');
    expect(quiz.match(/i18n-1\.js/g)).toHaveLength(1);
    expect(quiz).not.toContain('socket-1.js');
    for (const p of ['/join/123456', '/play/123456']) {
      const play = shell.render(p);
      expect(play).toContain('href="/assets/play-1.js"');
      expect(play).toContain('href="/assets/socket-1.js"');
      expect(play).toContain('<link rel="stylesheet" crossorigin href="/assets/phone-1.css">');
      // Staff code stays off the phone.
      expect(play).not.toContain('host-1.js');
    }
    expect(shell.render('/')).toBe(INDEX);
    expect(shell.render('/admin/bank')).toBe(INDEX);
  });

  it('inlines data as JSON no text can break out of', () => {
    const shell = new PageShell(INDEX, null);
    const data: FirstData = { path: '/quiz/abcdef12', serverTime: 1, quiz: { ok: false, error: { code: 'x', message: '</script><script>alert(1)</script>\u2028<!--' } } };
    const html = shell.render('/quiz/abcdef12', data);
    expect(html.match(/<\/script>/g)).toHaveLength(2); // the entry's and the data block's own
    expect(firstDataOf(html)).toEqual(data);
    expect(inlineJson('<>')).toBe('"\\u003c\\u003e"');
  });
});

describe('first load over HTTP: the documents of /quiz/:id, /join/:pin and /play/:pin', () => {
  let server: TestServer;
  beforeAll(async () => {
    // A stand-in client build: the document and manifest above, and one precompressed script.
    const clientDir = path.join(tempDir('hq-shell-'), 'client');
    mkdirSync(path.join(clientDir, '.vite'), { recursive: true });
    mkdirSync(path.join(clientDir, 'assets'));
    writeFileSync(path.join(clientDir, 'index.html'), INDEX);
    writeFileSync(path.join(clientDir, '.vite', 'manifest.json'), JSON.stringify(MANIFEST));
    writeFileSync(path.join(clientDir, 'assets', 'play-1.js'), 'export {};'.repeat(200));
    writeFileSync(path.join(clientDir, 'assets', 'play-1.js.br'), 'brotli bytes');
    server = await startTestServer({ ADMIN_USERNAME: 'admin', ADMIN_PASSWORD: STAFF_PASSWORD }, { clientDir });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('sends the quiz page with the same data GET /api/quiz/:id answers, and a localized reason for an unknown quiz', async () => {
    const organizer = await login(server, 'admin', STAFF_PASSWORD);
    const id = await createCampaign(organizer, { title: '廊坊市 <健康> 答题' });
    const page = await fetch(`${server.url}/quiz/${id}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('cache-control')).toBe('no-cache');
    const html = await page.text();
    expect(html).toContain('href="/assets/quiz-play-1.js"');
    const first = firstDataOf(html)!;
    expect(first.path).toBe(`/quiz/${id}`);
    const api = (await (await fetch(`${server.url}/api/quiz/${id}`)).json()) as { data: { serverTime: number } };
    expect(first.quiz).toEqual({ ok: true, data: { ...api.data, serverTime: expect.any(Number) } });
    expect(first.quiz!.ok && first.quiz!.data.counties.length).toBeGreaterThan(5);
    // The 每日一学 card under the form comes along, as GET /api/quiz/:id/daily answers it.
    expect(first.daily).toEqual(await (await fetch(`${server.url}/api/quiz/${id}/daily`)).json());

    const unknown = firstDataOf(await (await fetch(`${server.url}/quiz/nosuchquiz`, { headers: { 'accept-language': 'en' } })).text())!;
    expect(unknown.quiz).toEqual({ ok: false, error: { code: 'quiz/campaign-not-found', message: expect.stringMatching(/quiz/i) } });
  });

  it('sends the audience pages with the contest title and counties, and says when a PIN is unknown', async () => {
    const { detail } = await setUpContest(server);
    for (const p of [`/join/${detail.pin}`, `/play/${detail.pin}`]) {
      const first = firstDataOf(await (await fetch(`${server.url}${p}`)).text())!;
      expect(first.contest).toMatchObject({ ok: true, data: { title: '廊坊市健康知识家庭挑战赛决赛', finished: false } });
      expect(first.contest!.ok && first.contest!.data.counties).toContainEqual({ code: '131003', name: '广阳区' });
    }
    const wrong = detail.pin === '000000' ? '000001' : '000000';
    const none = firstDataOf(await (await fetch(`${server.url}/join/${wrong}`)).text())!;
    expect(none.contest).toEqual({ ok: false, error: { code: 'contest/pin-not-found', message: `没有找到 PIN 为 ${wrong} 的比赛，请核对后重试` } });
    // Other pages carry no data.
    expect(firstDataOf(await (await fetch(`${server.url}/admin/bank`)).text())).toBeNull();
  });

  it('serves the build’s precompressed copy of a script to a browser that takes it', async () => {
    const br = await fetch(`${server.url}/assets/play-1.js`, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toContain('immutable');
    // Node's fetch would try to decode the fake Brotli bytes: read the raw length instead.
    expect(Number(br.headers.get('content-length'))).toBe('brotli bytes'.length);
  });
});
