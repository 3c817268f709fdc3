import {aTimeout, expect} from '@open-wc/testing';
import {copyWithFeedback} from '../../src/internal/copy-feedback.js';
import {fakeClipboard} from '../helpers/clipboard.js';

describe('copyWithFeedback', () => {
  const clipboard = fakeClipboard();

  it('shows a visually hidden label while it says Copied, and hides it again after, however often it was clicked', async () => {
    const label = Object.assign(document.createElement('span'), {className: 'visually-hidden', textContent: 'Copy'});
    await copyWithFeedback(label, 'one', 'Copy', 'Copied');
    await aTimeout(1000);
    await copyWithFeedback(label, 'two', 'Copy', 'Copied');
    expect(clipboard.copied).to.deep.equal(['one', 'two']);
    expect([label.textContent, label.className]).to.deep.equal(['Copied', '']);
    await aTimeout(1500);
    expect([label.textContent, label.className], 'the second copy restarts the moment').to.deep.equal(['Copied', '']);
    await aTimeout(700);
    expect([label.textContent, label.className]).to.deep.equal(['Copy', 'visually-hidden']);
  });
});
