import {expect} from '@open-wc/testing';
import {html, nothing, render} from 'lit';
import {ElementRef, elementRef} from '../../src/internal/element-ref.js';
import {FocusAfterUpdate} from '../../src/internal/focus-after-update.js';

describe('elementRef', () => {
  it('names the element a template bound, and keeps it after it leaves (unlike Lit ref: callers check isConnected)', () => {
    const root = document.createElement('div');
    document.body.append(root);
    const ref = new ElementRef<HTMLButtonElement>();
    const view = (shown: boolean) => (shown ? html`<button ${elementRef(ref)}>Go</button>` : nothing);
    render(view(true), root);
    const button = root.querySelector('button')!;
    expect(ref.value).to.equal(button);
    render(view(false), root);
    expect(ref.value).to.equal(button);
    expect(ref.value!.isConnected).to.equal(false);
    root.remove();
  });
});

describe('FocusAfterUpdate', () => {
  it('focuses its target after the next update, waiting while the target is disabled', () => {
    let updates = 0;
    const host = {addController() {}, removeController() {}, requestUpdate: () => void updates++, updateComplete: Promise.resolve(true)};
    const focus = new FocusAfterUpdate(host);
    const input = document.createElement('textarea');
    input.disabled = true;
    document.body.append(input);
    const ref = Object.assign(new ElementRef<HTMLTextAreaElement>(), {value: input});
    focus.move(ref);
    expect(updates).to.equal(1);
    focus.hostUpdated();
    expect(document.activeElement).to.not.equal(input);
    input.disabled = false;
    focus.hostUpdated();
    expect(document.activeElement).to.equal(input);
    input.blur();
    focus.hostUpdated();
    expect(document.activeElement, 'focus moves once').to.not.equal(input);
    input.remove();
  });
});
