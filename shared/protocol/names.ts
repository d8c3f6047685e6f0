/**
 * What a public name (audience nickname, family team name, participant name) may not contain: links,
 * contact details touting for business, or abuse. Shown on a big screen in front of a hall and a
 * livestream, so the bar is the organizer's, not the internet's.
 */
const INVISIBLE = /[\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\u3164\uFEFF\uFFA0]/g;
const LINK = /(https?:\/\/|www\.|\.(com|cn|net|org|top|xyz)\b)/i;
const CONTACT = /(\d[\s-]?){7,}|微信|vx|wx号|qq号|加我|私聊|代理/i;
// A short list of common abuse, matched after folding width and case; organizers can still rename or remove.
const ABUSE = ['傻逼', '傻b', '操你', '草你', '妈的', '他妈', '尼玛', '贱人', '去死', '滚蛋', '垃圾人', 'fuck', 'shit', 'bitch'];

/** Null when a name is fine to show, else why not. */
export function nameProblem(name: string): 'name/link' | 'name/contact' | 'name/abuse' | null {
  // Folded as a reader sees it: width and case, invisible characters gone, ideographic full stops as dots
  // ("evil。com"), spaces removed.
  const plain = name.normalize('NFKC').replace(INVISIBLE, '');
  const folded = plain.toLowerCase().replace(/[。｡．]/g, '.').replace(/\s+/g, '');
  if (LINK.test(folded)) return 'name/link';
  if (CONTACT.test(plain)) return 'name/contact';
  if (ABUSE.some((w) => folded.includes(w))) return 'name/abuse';
  return null;
}
