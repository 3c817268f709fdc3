// app/chat/hydrate.tsx
'use client';
// Before anything else loads Lit in the browser: then the elements hydrate the server's shell.
import '@lit-labs/ssr-client/lit-element-hydrate-support.js';
import 'siteassist-elements';

export function Hydrate() {
  return null;
}
