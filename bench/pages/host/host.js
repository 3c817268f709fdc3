// Loaded by every host page, the empty one included: once the page has loaded and every element
// with `data-ready` shows the selector it names inside its shadow root, waits until the first frame
// showing that is painted, marks `bench-end` and resolves `window.benchDone` with the ms since navigation.
import {untilPainted} from '../common.js';

window.benchDone = (async () => {
  if (document.readyState !== 'complete') await new Promise((resolve) => addEventListener('load', resolve, {once: true}));
  const waiting = [...document.querySelectorAll('[data-ready]')];
  await untilPainted(() => waiting.every((element) => element.shadowRoot?.querySelector(element.dataset.ready)));
  performance.mark('bench-end');
  return performance.now();
})();
