import { Show } from 'solid-js';
import { unreachableFromPhone, type Unreachable } from '../../../shared/protocol/reachability';
import { locale } from '../i18n';
import { Notice } from './notice';

const REASONS: Record<Unreachable, { 'zh-CN': string; en: string }> = {
  loopback: { 'zh-CN': '指向手机自己，而不是这台服务器', en: 'means the phone itself, not this server' },
  unspecified: { 'zh-CN': '是服务器的监听地址，不能用来访问', en: 'is where the server listens, not an address anyone can visit' },
  'link-local': { 'zh-CN': '是链路本地地址，只在一根网线或没有 DHCP 的网络里有效', en: 'is a link-local address, valid only on one cable or a network without DHCP' },
  'single-label': { 'zh-CN': '是计算机名，手机一般无法解析', en: 'is a computer name that phones usually cannot look up' },
};

/**
 * Shown beside links and QR codes meant for phones when their address cannot work on a phone (the server
 * builds links from the address the organizer's browser used unless PUBLIC_URL is set): says why and how to
 * fix it before anyone prints a poster.
 */
export function ReachWarning(props: { url: string }) {
  const problem = () => (props.url ? unreachableFromPhone(props.url) : null);
  const host = () => {
    try {
      return new URL(props.url).host;
    } catch {
      return props.url;
    }
  };
  return (
    <Show when={problem()}>
      {(p) => (
        <Notice kind="warn" role="note">
          <span class="reach-warning">
            {locale() === 'en' ? (
              <>
                Phones cannot open these links or QR codes: <b>{host()}</b> {REASONS[p()].en}. Start the server with <code>PUBLIC_URL</code> set to the address phones reach it at, e.g.{' '}
                <code>PUBLIC_URL=http://192.168.1.20:3000 npm start</code> on the hall's network or your https domain, or open this page through this computer's network address instead of localhost.
              </>
            ) : (
              <>
                手机打不开这些链接和二维码：<b>{host()}</b> {REASONS[p()]['zh-CN']}。请在启动服务器时把 <code>PUBLIC_URL</code> 设为手机能访问的地址，例如在现场局域网中运行{' '}
                <code>PUBLIC_URL=http://192.168.1.20:3000 npm start</code>，或填写已备案的 https 域名；也可以用本机的局域网地址（而不是 localhost）打开本页。
              </>
            )}
          </span>
        </Notice>
      )}
    </Show>
  );
}
