// components/chat.tsx
'use client';
import 'siteassist-elements';
import type {} from 'siteassist-elements/react';

export function Chat({onSent}: {onSent?: (content: string) => void}) {
  return (
    <sa-conversation
      api-key="pk_…"
      onsa-message-sent={(event) => onSent?.(event.detail.content)}
      onsa-error={(event) => console.warn(event.detail.code, event.detail.message)}
    />
  );
}
