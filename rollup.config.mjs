import {nodeResolve} from '@rollup/plugin-node-resolve';
import terser from '@rollup/plugin-terser';
import esbuild from 'rollup-plugin-esbuild';

/** The one-file CDN build: every element, Lit included, as a classic script exposing `SiteAssistElements`. */
export default {
  input: 'src/index.ts',
  output: {
    file: 'dist/siteassist-elements.js',
    format: 'iife',
    name: 'SiteAssistElements',
    sourcemap: true,
  },
  plugins: [
    nodeResolve({exportConditions: ['production']}),
    esbuild({target: 'es2021', tsconfig: './tsconfig.json'}),
    terser({ecma: 2021, module: false, compress: {passes: 2}, format: {comments: false}}),
  ],
};
