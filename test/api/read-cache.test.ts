import {expect} from '@open-wc/testing';
import {ReadCache, conversationPath} from '../../src/api/read-cache.js';

const id = '0b6f8f4e-3c59-4c39-9d2e-2b8f6f0c1a11';
const path = conversationPath(id);

/** A read that answers when told to, and counts how often it was started. */
function deferredRead<T>() {
  let answer!: (value: T) => void;
  const read = {
    starts: 0,
    answer: (value: T) => answer(value),
    start: (_signal: AbortSignal) => {
      read.starts++;
      return new Promise<T>((resolve) => (answer = resolve));
    },
  };
  return read;
}

describe('ReadCache', () => {
  it('answers a read it keeps while fresh, per session; a stale one only when asked for', () => {
    const cache = new ReadCache();
    cache.remember(path, 'session-a', {title: 'A'});
    expect(cache.peek(path, 'session-a')).to.deep.equal({title: 'A'});
    expect(cache.peek(path, 'session-b')).to.equal(undefined);
    expect(cache.peek(`${path}/messages`, 'session-a')).to.equal(undefined);
  });

  it("forgets a conversation's reads and its messages', not another's whose id begins the same, and lists only when told", () => {
    const cache = new ReadCache();
    const resources = [path, `${path}/messages?limit=5`, `${conversationPath(`${id}0`)}`, '/conversations', '/conversations?status=open', '/identity/me'];
    for (const resource of resources) cache.remember(resource, 's', resource);
    const kept = () => resources.filter((resource) => cache.peek(resource, 's') !== undefined);

    cache.forget(id, {lists: false});
    expect(kept()).to.deep.equal([`${conversationPath(`${id}0`)}`, '/conversations', '/conversations?status=open', '/identity/me']);
    cache.forget(id, {lists: true});
    expect(kept()).to.deep.equal([`${conversationPath(`${id}0`)}`, '/identity/me']);
  });

  it('shares one read between identical callers and keeps its answer', async () => {
    const cache = new ReadCache();
    const read = deferredRead<string>();
    const first = cache.share(path, 's', read.start);
    const second = cache.share(path, 's', read.start);
    read.answer('answer');
    expect(await Promise.all([first, second])).to.deep.equal(['answer', 'answer']);
    expect(read.starts).to.equal(1);
    expect(cache.peek(path, 's')).to.equal('answer');
  });

  it('does not let later callers join, or keep, a read that was forgotten while in flight', async () => {
    const cache = new ReadCache();
    const early = deferredRead<string>();
    const before = cache.share(path, 's', early.start);
    cache.forget(id, {lists: false});
    const late = deferredRead<string>();
    const after = cache.share(path, 's', late.start);
    late.answer('after the write');
    early.answer('before the write');
    expect(await before).to.equal('before the write');
    expect(await after).to.equal('after the write');
    expect(late.starts).to.equal(1);
    expect(cache.peek(path, 's')).to.equal('after the write');
  });
});
