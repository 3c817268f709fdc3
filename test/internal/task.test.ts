/**
 * Our Task controller against @lit/task, which it replaced: the same suite runs over both, so the
 * states, the abort of a superseded run and the auto-run on changed args stay what the elements relied on.
 */
import {expect, fixture} from '@open-wc/testing';
import {LitElement} from 'lit';
import * as litTask from '@lit/task';
import * as ourTask from '../../src/internal/task.js';
import {waitUntil} from '../helpers/dom.js';

/** A read the test settles by hand, with the signal it was given. */
interface Read {
  id: string;
  signal: AbortSignal;
  resolve(value: string | symbol): void;
  reject(error: Error): void;
}

const implementations = {'src/internal/task.ts': ourTask, '@lit/task': litTask} as const;

for (const [name, {Task, TaskStatus, initialState}] of Object.entries(implementations)) {
  describe(`Task (${name})`, () => {
    const reads: Read[] = [];
    const tag = `task-host-${name.replace(/[^a-z]/g, '')}`;

    class TaskHost extends LitElement {
      static override properties = {itemId: {}};
      declare itemId: string;
      constructor() {
        super();
        this.itemId = '';
      }
      readonly task = new Task(this, {
        autoRun: 'afterUpdate',
        args: () => [this.itemId] as const,
        task: ([id]: readonly [string], {signal}: {signal: AbortSignal}) =>
          id ? new Promise<string | symbol>((resolve, reject) => reads.push({id, signal, resolve, reject})) : initialState,
      });
      override render() {
        return this.task.render({
          initial: () => 'nothing to read',
          pending: () => 'loading',
          complete: (value) => `read ${String(value)}`,
          error: (error) => `failed: ${(error as Error).message}`,
        });
      }
    }
    if (!customElements.get(tag)) customElements.define(tag, TaskHost);

    const shows = (el: TaskHost, text: string) => waitUntil(() => el.shadowRoot!.textContent === text, `shows "${text}", not "${el.shadowRoot!.textContent}"`);

    beforeEach(() => {
      reads.length = 0;
    });

    it('renders initial, then pending and complete, and reads once while its args stay the same', async () => {
      const el = await fixture<TaskHost>(document.createElement(tag));
      await shows(el, 'nothing to read');
      expect(el.task.status).to.equal(TaskStatus.INITIAL);
      el.itemId = 'a';
      await shows(el, 'loading');
      expect(el.task.status).to.equal(TaskStatus.PENDING);
      reads[0].resolve('A');
      await shows(el, 'read A');
      expect([el.task.status, el.task.value]).to.deep.equal([TaskStatus.COMPLETE, 'A']);
      el.requestUpdate();
      await el.updateComplete;
      await el.updateComplete;
      expect(reads.length, 'an update with the same args does not read again').to.equal(1);
    });

    it('aborts the signal of the run a new one supersedes, and ignores its late result', async () => {
      const el = await fixture<TaskHost>(document.createElement(tag));
      el.itemId = 'a';
      await waitUntil(() => reads.length === 1);
      el.itemId = 'b';
      await waitUntil(() => reads.length === 2);
      expect(reads.map((read) => read.signal.aborted)).to.deep.equal([true, false]);
      reads[1].resolve('B');
      await shows(el, 'read B');
      reads[0].resolve('A');
      await el.updateComplete;
      expect(el.shadowRoot!.textContent).to.equal('read B');
      expect(el.task.value).to.equal('B');
    });

    it('shows an error, keeps it out of value, and run() reads again', async () => {
      const el = await fixture<TaskHost>(document.createElement(tag));
      el.itemId = 'a';
      await waitUntil(() => reads.length === 1);
      reads[0].resolve('A');
      await shows(el, 'read A');
      el.task.run();
      await shows(el, 'loading');
      expect(el.task.value, 'the previous value stays while the next run is pending').to.equal('A');
      reads[1].reject(new Error('offline'));
      await shows(el, 'failed: offline');
      expect([el.task.status, el.task.value, (el.task.error as Error).message]).to.deep.equal([TaskStatus.ERROR, undefined, 'offline']);
      el.task.run();
      await shows(el, 'loading');
      reads[2].resolve('A again');
      await shows(el, 'read A again');
      expect(el.task.error).to.equal(undefined);
    });

    it('goes back to initial when the task returns initialState, and abort() aborts a pending read', async () => {
      const el = await fixture<TaskHost>(document.createElement(tag));
      el.itemId = 'a';
      await waitUntil(() => reads.length === 1);
      reads[0].resolve('A');
      await shows(el, 'read A');
      el.itemId = '';
      await shows(el, 'nothing to read');
      expect(el.task.status).to.equal(TaskStatus.INITIAL);
      el.itemId = 'b';
      await waitUntil(() => reads.length === 2);
      el.task.abort();
      expect(reads[1].signal.aborted).to.equal(true);
    });
  });
}
