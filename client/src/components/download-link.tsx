import type { JSX } from 'solid-js';

/**
 * A link to a file the server sends as an attachment (Excel, CSV). The `download` attribute is what keeps
 * @solidjs/router from treating a same-origin `/api/…` address as a page of the app: without it a click is
 * routed client-side and lands on 页面不存在 instead of saving the file. The server's Content-Disposition
 * still names the file.
 */
export function DownloadLink(props: { href: string; class?: string; children: JSX.Element }) {
  return (
    <a class={props.class ?? 'button'} href={props.href} download="">
      {props.children}
    </a>
  );
}
