import { describe, expect, it } from 'vitest';
import { messages as admin } from '../../client/src/i18n/admin';
import { messages as citizen } from '../../client/src/i18n/citizen';
import { messages as contests } from '../../client/src/i18n/contests';
import { messages as form } from '../../client/src/i18n/form';
import * as contestTerms from '../../client/src/i18n/glossary/contest';
import * as guideTerms from '../../client/src/i18n/glossary/guide';
import * as officeTerms from '../../client/src/i18n/glossary/office';
import * as publicTerms from '../../client/src/i18n/glossary/public';
import * as stageTerms from '../../client/src/i18n/glossary/stage';
import { messages as guide } from '../../client/src/i18n/guide';
import type { Catalogue, Term } from '../../client/src/i18n/locale';
import { messages as phone } from '../../client/src/i18n/phone';
import { messages as poster } from '../../client/src/i18n/poster';
import { messages as region } from '../../client/src/i18n/region';
import { messages as stage } from '../../client/src/i18n/stage';

const catalogues: Record<string, Catalogue> = { citizen, region, guide, poster, form, admin, contests, stage, phone };
const glossary: Record<string, Record<string, Term>> = { public: publicTerms, contest: contestTerms, stage: stageTerms, guide: guideTerms, office: officeTerms };

const same = (a: Term, b: Term) => a[0] === b[0] && a[1] === b[1];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('i18n catalogues', () => {
  it('give every message in both locales with the same placeholders', () => {
    const problems: string[] = [];
    for (const [name, catalogue] of Object.entries(catalogues)) {
      for (const [key, [zh, en]] of Object.entries(catalogue)) {
        if (!zh.trim() || !en.trim()) problems.push(`${name} ${key}: empty`);
        if (placeholders(zh).join() !== placeholders(en).join()) problems.push(`${name} ${key}: {${placeholders(zh)}} vs {${placeholders(en)}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('define each glossary term once', () => {
    const terms = Object.entries(glossary).flatMap(([module, terms]) => Object.entries(terms).map(([name, term]) => ({ at: `${module}.${name}`, term })));
    const repeats = terms.filter((a, i) => terms.some((b, j) => j < i && same(a.term, b.term))).map((t) => t.at);
    expect(repeats).toEqual([]);
  });

  it('take shared words from the glossary instead of writing them out again', () => {
    // The phones write out the contest glossary's words: importing them would add a chunk to every phone.
    const writesOut = (catalogue: string, module: string) => catalogue === 'phone' && module === 'contest';
    const copies: string[] = [];
    for (const [name, catalogue] of Object.entries(catalogues)) {
      for (const [key, message] of Object.entries(catalogue)) {
        for (const [module, terms] of Object.entries(glossary)) {
          for (const [term, value] of Object.entries(terms)) {
            if (message !== value && same(message, value) && !writesOut(name, module)) copies.push(`${name} ${key} repeats ${module}.${term}`);
          }
        }
      }
    }
    expect(copies).toEqual([]);
  });

  it('write no message out in two catalogues: a word two surfaces show goes to the glossary', () => {
    const terms = Object.values(glossary).flatMap((t) => Object.values(t));
    const seen = new Map<string, string>();
    const repeats: string[] = [];
    for (const [name, catalogue] of Object.entries(catalogues)) {
      for (const [key, message] of Object.entries(catalogue)) {
        if (terms.includes(message)) continue;
        const id = JSON.stringify(message);
        const first = seen.get(id);
        if (first && !first.startsWith(`${name} `)) repeats.push(`${name} ${key} repeats ${first}`);
        if (!first) seen.set(id, `${name} ${key}`);
      }
    }
    expect(repeats).toEqual([]);
  });

  it('write no message out twice within a catalogue', () => {
    const repeats: string[] = [];
    for (const [name, catalogue] of Object.entries(catalogues)) {
      const entries = Object.entries(catalogue);
      entries.forEach(([key, message], i) => {
        const earlier = entries.slice(0, i).find(([, other]) => other !== message && same(other, message));
        if (earlier) repeats.push(`${name} ${key} repeats ${earlier[0]}`);
      });
    }
    expect(repeats).toEqual([]);
  });
});
