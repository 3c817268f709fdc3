import {expect} from '@open-wc/testing';
import type {Conversation, Message} from '../../src/api/types.js';
import {messageKey, reconcile, withPlaceholders} from '../../src/components/conversation/reconcile.js';
import {ShownConversation} from '../../src/components/conversation/shown-conversation.js';
import {Turn, localMessage, textOf} from '../../src/components/conversation/turn.js';

/** reconcile and withPlaceholders are pure: these tests build conversations by hand, no DOM, no server. */

let ids = 0;
const stored = (role: Message['role'], text: string): Message => ({
  ...localMessage(role, 'c1', text),
  id: `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
});

const conversation = (messages: Message[], changes: Partial<Conversation> = {}): Conversation => ({
  object: 'conversation',
  id: 'c1',
  createdAt: '2026-12-01T09:00:00.000Z',
  updatedAt: '2026-12-01T09:00:00.000Z',
  status: 'open',
  closedAt: null,
  closeReason: null,
  lastInteractionAt: '2026-12-01T09:00:00.000Z',
  isHumanHandled: false,
  humanAgent: null,
  title: null,
  messages,
  ...changes,
});

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value));
const noKeys = new Map<string, string>();

describe('reconcile', () => {
  it('takes a first read as it is: no agent messages to announce, no agent joining', () => {
    const agent = {...stored('human_agent', 'Hello, Sam here'), humanAgent: {name: 'Sam', image: null}};
    const next = conversation([stored('user', 'Hi'), agent], {isHumanHandled: true});
    const result = reconcile(null, next, noKeys);
    expect(result.conversation).to.deep.equal(next);
    expect(result.agentMessages).to.deep.equal([]);
    expect(result.agentJoined).to.equal(false);
  });

  it('keeps the shown object of every message that did not change, and takes the changed ones', () => {
    const question = stored('user', 'Hi');
    const reply = stored('assistant', 'Hello');
    const previous = conversation([question, reply]);
    const liked = {...clone(reply), feedback: 'like' as const};
    const result = reconcile(previous, conversation([clone(question), liked]), noKeys);
    expect(result.conversation.messages[0]).to.equal(question);
    expect(result.conversation.messages[1]).to.equal(liked);
  });

  it("passes a placeholder's key to the server's message in its place with the same role", () => {
    const question = stored('user', 'Hi');
    const placeholder = localMessage('user', 'c1', 'And prices?');
    const replyPlaceholder = localMessage('assistant', 'c1', 'Prices start');
    const previous = conversation([question, placeholder, replyPlaceholder]);
    const storedCopy = stored('user', 'And prices?');
    const otherRole = stored('human_agent', 'An agent wrote first');
    const {keys} = reconcile(previous, conversation([question, storedCopy, otherRole]), noKeys);
    expect(messageKey(keys, storedCopy)).to.equal(placeholder.id);
    expect(messageKey(keys, otherRole)).to.equal(otherRole.id);
    expect(messageKey(keys, question)).to.equal(question.id);
  });

  it('keeps the keys it was given and adds to a copy, never to them', () => {
    const question = stored('user', 'Hi');
    const keys = new Map([[question.id, 'local-earlier']]);
    const placeholder = localMessage('user', 'c1', 'More');
    const more = stored('user', 'More');
    const result = reconcile(conversation([question, placeholder]), conversation([question, more]), keys);
    expect([...result.keys]).to.deep.equal([[question.id, 'local-earlier'], [more.id, placeholder.id]]);
    expect([...keys]).to.deep.equal([[question.id, 'local-earlier']]);
  });

  it("reports a human agent's new messages and the agent joining, once", () => {
    const question = stored('user', 'I want a person');
    const sam = {name: 'Sam', image: null};
    const hello = {...stored('human_agent', 'Sam here'), humanAgent: sam};
    const previous = conversation([question]);
    const joined = reconcile(previous, conversation([question, hello], {isHumanHandled: true, humanAgent: sam}), noKeys);
    expect(joined.agentMessages).to.deep.equal([hello]);
    expect(joined.agentJoined).to.equal(true);

    const again = reconcile(joined.conversation, clone(joined.conversation), joined.keys);
    expect(again.agentMessages).to.deep.equal([]);
    expect(again.agentJoined).to.equal(false);
  });

  it('counts a previous read of another conversation as none', () => {
    const placeholder = localMessage('human_agent', 'c0', 'Elsewhere');
    const elsewhere = {...conversation([placeholder]), id: 'c0'};
    const agent = stored('human_agent', 'Here');
    const result = reconcile(elsewhere, conversation([agent], {isHumanHandled: true}), new Map([['x', 'y']]));
    expect(result.agentMessages).to.deep.equal([]);
    expect(result.agentJoined).to.equal(false);
    expect([...result.keys]).to.deep.equal([]);
  });
});

describe('withPlaceholders', () => {
  it("puts a finished turn's message and its reply so far after the messages it followed", () => {
    const question = stored('user', 'Hi');
    const before = conversation([question, stored('assistant', 'Hello')]);
    const turn = new Turn('c1', 'And prices?', null, 2);
    turn.reply = {parts: [{type: 'text', text: 'Prices start at'}]};
    const after = withPlaceholders(before, turn);
    expect(after.messages.map((m) => [m.role, m.parts])).to.deep.equal([
      ['user', question.parts],
      ['assistant', before.messages[1].parts],
      ['user', [{type: 'text', text: 'And prices?'}]],
      ['assistant', [{type: 'text', text: 'Prices start at'}]],
    ]);
    expect(after.messages[2].status).to.equal('complete');
  });

  it('leaves another conversation as it is', () => {
    const other = {...conversation([]), id: 'c2'};
    expect(withPlaceholders(other, new Turn('c1', 'Hi', null, 0))).to.equal(other);
  });
});

describe('ShownConversation', () => {
  /** A ShownConversation over a bare host that records the events fired on it. */
  function shown() {
    const host = Object.assign(document.createElement('div'), {requestUpdate() {}});
    const fired: string[] = [];
    for (const type of ['sa-conversation-load', 'sa-conversation-update']) host.addEventListener(type, () => fired.push(type));
    return {model: new ShownConversation(host as never, (c) => c), fired};
  }

  it('fires sa-conversation-load on the first read of each conversation, then sa-conversation-update only for what a row shows', () => {
    const {model, fired} = shown();
    const question = stored('user', 'Hi');
    const first = conversation([question]);
    model.take(first);
    expect(fired).to.deep.equal(['sa-conversation-load']);

    model.take(clone(first));
    expect(fired, 'an unchanged re-read').to.deep.equal(['sa-conversation-load']);
    model.take({...clone(first), updatedAt: '2026-12-01T10:00:00.000Z'});
    expect(fired, 'a field no row shows').to.deep.equal(['sa-conversation-load']);

    model.take({...clone(first), title: 'Greetings'});
    expect(fired.at(-1), 'the title').to.equal('sa-conversation-update');
    const reply = stored('assistant', 'Hello');
    model.take(conversation([question, reply], {title: 'Greetings'}));
    expect(fired, 'the last message').to.have.length(3);
    model.take(conversation(clone([question, reply]), {title: 'Greetings', status: 'closed'}));
    expect(fired, 'the status').to.have.length(4);
    model.take(conversation(clone([question, reply]), {title: 'Greetings', status: 'closed', isHumanHandled: true}));
    expect(fired, 'a human agent').to.have.length(5);
    expect(fired.slice(1).every((type) => type === 'sa-conversation-update')).to.equal(true);

    model.clear();
    model.take(first);
    expect(fired.at(-1), 'shown again after another').to.equal('sa-conversation-load');
  });

  it('fires sa-conversation-load for a conversation the first message created, on its first read', () => {
    const {model, fired} = shown();
    const created = conversation([]);
    model.created(created);
    expect(model.value).to.equal(created);
    expect(fired).to.deep.equal([]);
    model.take(conversation([stored('user', 'Hi')]));
    expect(fired).to.deep.equal(['sa-conversation-load']);
  });

  it('lays the overlay over each read and remembers a reply the visitor stopped', () => {
    const model = new ShownConversation(Object.assign(document.createElement('div'), {requestUpdate() {}}) as never, (c) => ({...c, title: 'overlaid'}));
    model.take(conversation([stored('user', 'Hi')]));
    expect(model.value!.title).to.equal('overlaid');

    const turn = new Turn('c1', 'Stop that', null, 1);
    turn.reply = {parts: [{type: 'text', text: 'Half a'}]};
    turn.stopped = true;
    model.settle(turn);
    const [, question, reply] = model.value!.messages;
    expect(textOf(question)).to.equal('Stop that');
    expect(model.stopped(reply)).to.equal(true);
    expect(model.stopped(question)).to.equal(false);
  });
});
