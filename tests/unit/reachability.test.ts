import { describe, expect, it } from 'vitest';
import { publicUrlAdvice, unreachableFromPhone } from '../../shared/protocol/reachability';

describe('addresses a phone can open', () => {
  it('names why loopback, listening, link-local and bare-name addresses fail, and passes LAN and public ones', () => {
    expect(unreachableFromPhone('http://localhost:3000/quiz/abc')).toBe('loopback');
    expect(unreachableFromPhone('http://127.0.0.1:3000')).toBe('loopback');
    expect(unreachableFromPhone('http://app.localhost')).toBe('loopback');
    expect(unreachableFromPhone('http://[::1]:3000')).toBe('loopback');
    expect(unreachableFromPhone('http://0.0.0.0:3000')).toBe('unspecified');
    expect(unreachableFromPhone('http://169.254.10.2:3000')).toBe('link-local');
    expect(unreachableFromPhone('http://[fe80::1]:3000')).toBe('link-local');
    expect(unreachableFromPhone('http://meeting-pc:3000')).toBe('single-label');
    expect(unreachableFromPhone('http://192.168.1.20:3000')).toBeNull();
    expect(unreachableFromPhone('http://10.0.0.5')).toBeNull();
    expect(unreachableFromPhone('https://quiz.lfwjw.gov.cn')).toBeNull();
    expect(unreachableFromPhone('not a url')).toBeNull();
  });

  it('start-up advice: unset or unreachable PUBLIC_URL gets a how-to with this machine’s addresses; a good one none', () => {
    const unset = publicUrlAdvice(undefined, 3000, ['192.168.1.20']);
    expect(unset).toContain('PUBLIC_URL is not set');
    expect(unset).toContain('PUBLIC_URL=http://192.168.1.20:3000 npm start');
    expect(publicUrlAdvice('http://localhost:3000', 3000, [])).toContain('is a loopback address');
    expect(publicUrlAdvice('http://localhost:3000', 3000, [])).toContain("PUBLIC_URL=http://<this computer's address on the hall network>:3000");
    expect(publicUrlAdvice('https://quiz.example.cn', 3000, ['192.168.1.20'])).toBeNull();
  });
});
