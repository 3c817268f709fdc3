// Loaded by every host page, the empty one included: once the page has loaded and every element
// with `data-ready` shows the selector it names inside its shadow root, waits for a painted frame,
// marks `bench-end` and resolves `window.benchDone` with the ms since navigation.
import {painted, until} from '../common.js';

window.benchDone = (async () => {
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, {once: true}));
  const waiting = [...document.querySelectorAll('[data-ready]')];
  await until(() => waiting.every((element) => element.shadowRoot?.querySelector(element.dataset.ready)));
  await painted();
  performance.mark('bench-end');
  return performance.now();
})();
