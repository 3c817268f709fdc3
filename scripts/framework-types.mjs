// Writes the framework typings from the custom elements manifest, so a new element, attribute or
// event is typed the moment its JSDoc is: dist/esm/react.d.ts (React 19's JSX.IntrinsicElements)
// and dist/esm/vue.d.ts (Vue's GlobalComponents), each with an empty module for a runtime import.
// Neither names react or vue as a dependency: the augmentation applies where the app has them.
// Run by scripts/build.mjs after the manifest; `node scripts/framework-types.mjs` alone works too.
import {readFileSync, writeFileSync} from 'node:fs';

const manifest = JSON.parse(readFileSync('custom-elements.json', 'utf8'));
const elements = manifest.modules.flatMap((module) =>
  (module.declarations ?? [])
    .filter((declaration) => declaration.tagName)
    .map((declaration) => ({
      ...declaration,
      from: `./${module.path.replace(/^src\//, '').replace(/\.ts$/, '.js')}`,
    }))
);

const camel = (name) => name.replace(/-(\w)/g, (_, letter) => letter.toUpperCase());
const doc = (text, indent) => (text ? `${indent}/** ${text.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : '');
/** The attribute's type is its property's: `SaConversationList['orderBy']`, so enums stay exact. */
const attributeType = (element, attribute) =>
  attribute.fieldName ? `${element.name}['${attribute.fieldName}']` : 'string';
const eventType = (name) => `SiteAssistEvent<'${name}'>`;

const header = (frameworkImport) => `// Generated from custom-elements.json by scripts/framework-types.mjs: do not edit.
${frameworkImport}
import type {SiteAssistEventMap} from './internal/events.js';
${elements.map((element) => `import type {${element.name}} from '${element.from}';`).join('\n')}

/** The event a listener receives: typed for the package's own events, a CustomEvent for any other. */
type SiteAssistEvent<K extends string> = K extends keyof SiteAssistEventMap ? SiteAssistEventMap[K] : CustomEvent;
`;

function attributesInterface(element, prefix, key) {
  const lines = element.attributes?.map((attribute) =>
    `${doc(attribute.description, '  ')}  ${JSON.stringify(key(attribute.name))}?: ${attributeType(element, attribute)};`) ?? [];
  return `/** The attributes of \`<${element.tagName}>\`. */\nexport interface ${element.name}${prefix}Attributes {\n${lines.join('\n')}\n}\n`;
}

function eventsInterface(element, prefix, key) {
  const lines = element.events?.map((event) =>
    `${doc(event.description, '  ')}  ${JSON.stringify(key(event.name))}?: (event: ${eventType(event.name)}) => void;`) ?? [];
  return `/** Listeners for the events of \`<${element.tagName}>\`. */\nexport interface ${element.name}${prefix}Events {\n${lines.join('\n')}\n}\n`;
}

// React 19 sets a prop the element has as a property and any other as an attribute (so `api-key`
// is the attribute), and `onsa-message-sent` adds a listener for `sa-message-sent`.
const react = `${header("import type {HTMLAttributes, Key, ReactNode, Ref} from 'react';")}
type ElementProps<E, Own> = Omit<HTMLAttributes<E>, keyof Own> & Own & {ref?: Ref<E>; key?: Key; children?: ReactNode; class?: string};

${elements.map((element) => attributesInterface(element, 'React', (name) => name) + eventsInterface(element, 'React', (name) => `on${name}`)).join('\n')}
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
${elements.map((e) => `      '${e.tagName}': ElementProps<${e.name}, ${e.name}ReactAttributes & ${e.name}ReactEvents>;`).join('\n')}
    }
  }
}
`;

// Vue matches a kebab-case attribute to a camelCase prop and \`@sa-message-sent\` to \`onSaMessageSent\`.
const vue = `${header("import type {DefineComponent, HTMLAttributes} from 'vue';")}
type ElementProps<Own> = Omit<HTMLAttributes, keyof Own> & Own & {slot?: string};
${elements.map((element) => attributesInterface(element, 'Vue', camel) + eventsInterface(element, 'Vue', (name) => `on${camel(`-${name}`)}`)).join('\n')}
declare module 'vue' {
  interface GlobalComponents {
${elements.map((e) => `    '${e.tagName}': DefineComponent<ElementProps<${e.name}VueAttributes & ${e.name}VueEvents>>;`).join('\n')}
  }
}
`;

for (const [name, types] of Object.entries({react, vue})) {
  writeFileSync(`dist/esm/${name}.d.ts`, types);
  writeFileSync(`dist/esm/${name}.js`, `// Types only: see ${name}.d.ts.\nexport {};\n`);
}
