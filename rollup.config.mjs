import commonjs from '@rollup/plugin-commonjs';
import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild, {minify} from 'rollup-plugin-esbuild';
import CleanCSS from 'clean-css';
import {minifyTemplateLiterals} from 'rollup-plugin-minify-template-literals';
import {readdirSync} from 'node:fs';

/**
 * Each translation in src/locales as its own classic script, `dist/locales/<lang>.js`, kept out of the
 * main one: it registers into the already-loaded main script through its global `SiteAssistElements`.
 */
const localeScripts = readdirSync('src/locales')
  .filter((file) => /^[a-z]{2,3}(-[a-z0-9]+)?\.ts$/i.test(file))
  .map((file) => ({
    input: `src/locales/${file}`,
    external: (id) => /internal\/strings(\.[jt]s)?$/.test(id),
    output: {file: `dist/locales/${file.replace(/ts$/, 'js')}`, format: 'iife', globals: () => 'SiteAssistElements'},
    plugins: [
      esbuild({target: 'es2022', tsconfig: './tsconfig.json'}),
      terser({ecma: 2022, module: false, compress: {passes: 2}, format: {comments: false}}),
    ],
  }));

/**
 * The optional highlighting add-on, `dist/highlight.js`: highlight.js and its languages as a classic script
 * that registers into the already-loaded main one through `SiteAssistElements`, as the locales do.
 */
const highlightScript = {
  input: 'src/highlight.ts',
  external: (id) => /internal\/markdown-render(\.[jt]s)?$/.test(id),
  output: {file: 'dist/highlight.js', format: 'iife', globals: () => 'SiteAssistElements'},
  plugins: [
    nodeResolve(),
    // highlight.js's ESM entry re-exports its CommonJS core.
    commonjs(),
    esbuild({target: 'es2022', tsconfig: './tsconfig.json'}),
    terser({ecma: 2022, module: false, compress: {passes: 2}, format: {comments: false}}),
  ],
};

/**
 * One value as clean-css hands it over (a space-separated component, or a custom property's whole value,
 * which it leaves as written): white space goes where CSS needs none, next to `,`, `*`, `/` and inside
 * parentheses, and newlines and runs become one space; quoted strings stay as they are. `+` and `-`
 * keep theirs (calc needs them).
 */
const squeezeValue = (_name, value) =>
  value
    .split(/('[^']*'|"[^"]*")/)
    .map((part, i) => (i % 2 ? part : part.replace(/\s+/g, ' ').replace(/ ?([,*/]) ?/g, '$1').replace(/\( /g, '(').replace(/ \)/g, ')')))
    .join('');
// replaceTimeUnits off: it made the reduced-motion 0.01ms durations 0s, and a 0s transition fires no transitionend.
const cleanCSS = new CleanCSS({
  level: {1: {replaceTimeUnits: false, variableValueOptimizers: [squeezeValue]}},
  plugins: [{level1: {value: squeezeValue}}],
});

/**
 * A css`` literal's text, minified. A literal that is a list of declarations (a fragment interpolated
 * into rules) is minified as the body of a rule. Any warning fails the build: clean-css skips what it
 * cannot read, and the file would ship that CSS as written.
 */
function minifyCSS(text) {
  const fragment = !text.includes('{');
  const {styles, warnings, errors} = cleanCSS.minify(fragment ? `x{${text}}` : text);
  if (warnings.length || errors.length) throw new Error(`css\`\` not minified: ${[...errors, ...warnings].join('; ')}`);
  return fragment ? styles.slice(2, -1) : styles;
}

/** The one-file CDN build: every element, Lit included, as a classic script exposing `SiteAssistElements`. */
const mainScript = {
  input: 'src/index.ts',
  output: {
    file: 'dist/siteassist-elements.js',
    format: 'iife',
    name: 'SiteAssistElements',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({exportConditions: ['production']}),
    esbuild({target: 'es2022', tsconfig: './tsconfig.json'}),
    // Lit's html`` and css`` literals are strings to terser; this minifies their markup and CSS.
    // Closing slashes stay: in svg`` an unclosed <rect> would swallow the shape after it. Unquoted
    // attribute values are plain HTML, and Lit binds `name=${value}` as it binds `name="${value}"`.
    // Our own modules only: Lit's hold no templates, and the words "unsafeCSS" in them made the plugin skip them with a warning.
    minifyTemplateLiterals({
      include: 'src/**',
      failOnError: true,
      options: {minifyOptions: {keepClosingSlash: true, removeAttributeQuotes: true, minifyCSS}},
    }),
    // esbuild's minifier, then terser over its output: measured ~190 bytes gzip below terser alone.
    // wrap_iife: `var X=(function(){…})({})`, which V8 compiles eagerly (and off the main thread,
    // streamed); unwrapped it pre-parsed the whole body, then parsed it again on the main thread.
    // The preamble is V8's explicit compile hint (Chrome 136+; a plain comment elsewhere): compile
    // every function while the script streams in, not one by one on the main thread at first call.
    minify({target: 'es2022'}),
    // unsafe_arrows: the function expressions terser makes of single-use functions, `(function(t){…})(x)`,
    // become arrows; it leaves any that reads `this` or `arguments`, and none is a constructor (-32 B gzip, -42 brotli).
    // `unsafe` (String(x) to ""+x) and `keep_fargs: false` saved ~60 and ~30 B brotli more: not worth what they assume.
    // mangle.properties: Lit's internal members (`_$AH`, `_$litType$`…), read by name only inside Lit's own
    // modules, all of which are in this file, get one-letter names (-131 B gzip, -131 brotli, measured when it landed). What this
    // gives up: Lit's global hooks (hydrate and polyfill support) loaded before this script see our
    // copy's members under other names; a page hydrates server HTML through the npm modules, not this file.
    terser({
      ecma: 2022,
      module: false,
      compress: {passes: 3, unsafe_arrows: true},
      mangle: {properties: {regex: /^_\$/}},
      format: {comments: false, wrap_iife: true, preamble: '//# allFunctionsCalledOnLoad'},
    }),
  ],
};

export default [mainScript, highlightScript, ...localeScripts];
