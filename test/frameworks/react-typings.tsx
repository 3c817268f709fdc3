// What the generated React typings (dist/esm/react.d.ts) must refuse; each line below fails to compile
// without its @ts-expect-error, so typings that went loose (any) or lost an attribute break `npm test`.
import type {} from 'siteassist-elements/react';
import type {SiteAssistEventMap} from 'siteassist-elements';

export const refused = (
  <>
    {/* @ts-expect-error: order-by takes the API's sort fields only */}
    <sa-conversation-list api-key="pk_…" order-by="newest" />
    {/* @ts-expect-error: limit is a number */}
    <sa-conversation-list limit="ten" />
    {/* @ts-expect-error: no such attribute (TypeScript lets any name with a hyphen through, so this one has none) */}
    <sa-start-button apikey="pk_…" />
    {/* @ts-expect-error: no-page-context is a boolean */}
    <sa-start-button no-page-context="yes" />
    {/* @ts-expect-error: the detail of sa-message-sent has no such field */}
    <sa-conversation onsa-message-sent={(event) => event.detail.reply} />
  </>
);

export const accepted = (
  <sa-conversation-list api-key="pk_…" api-url="https://api.siteassist.io/v2" token="t" order-by="title" order-dir="asc"
    status="open" limit={20} selected="c_1" for="chat" className="list" id="list" slot="side"
    onsa-conversation-select={(event: SiteAssistEventMap['sa-conversation-select']) => event.detail.conversationId}>
    <sa-start-button slot="empty" for="chat" no-page-context>Ask us</sa-start-button>
  </sa-conversation-list>
);
