// app/chat/page.tsx: a server component; the conversation's shell arrives as declarative shadow DOM.
import {render} from '@lit-labs/ssr';
import {collectResult} from '@lit-labs/ssr/lib/render-result.js';
import {html} from 'lit';
import 'siteassist-elements';
import {Hydrate} from './hydrate';

export default async function ChatPage() {
  const shell = await collectResult(render(html`<sa-conversation api-key="pk_…"></sa-conversation>`));
  return (
    <>
      {/* The browser moves the shell's template into a shadow root, so the div's HTML no longer equals the string. */}
      <div suppressHydrationWarning dangerouslySetInnerHTML={{__html: shell}} />
      <Hydrate />
    </>
  );
}
