import {expect} from '@open-wc/testing';
import type {Project} from '../../../src/api/types.js';
import {applyBrand} from '../../../src/components/conversation/brand.js';

/** The text colour applyBrand picks for a user bubble of `colour`, or '' when it sets none. */
function textOn(colour: string): string {
  const host = document.createElement('div');
  applyBrand(host, {chatWidgetConfig: {userMessageBubbleColor: colour}} as unknown as Project);
  return host.style.getPropertyValue('--_user-bubble-text');
}

describe('applyBrand: the text colour on a user bubble', () => {
  const cases: [string, string][] = [
    ['#4f46e5', '#fff'],
    ['#4F46E5', '#fff'],
    ['#ff0', '#000'],
    ['#FFFF00', '#000'],
    ['#000', '#fff'],
    ['yellow', '#000'],
    ['navy', '#fff'],
    ['rgb(250, 250, 250)', '#000'],
    ['hsl(240 100% 25%)', '#fff'],
    ['rgba(0, 0, 0, 0.5)', ''],
    ['#0008', ''],
    ['not a colour', ''],
  ];
  for (const [colour, expected] of cases) {
    it(`${colour}: ${expected || 'none'}`, () => expect(textOn(colour)).to.equal(expected));
  }

  it('reads each colour on its own, whatever came before', () => {
    expect(textOn('not a colour')).to.equal('');
    expect(textOn('yellow')).to.equal('#000');
    expect(textOn('rgba(255, 255, 255, 0.5)')).to.equal('');
    expect(textOn('navy')).to.equal('#fff');
  });

  it('reads #rrggbb without a canvas context (a first one costs the first render 1–9 ms)', () => {
    const getContext = HTMLCanvasElement.prototype.getContext;
    let contexts = 0;
    HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, ...args: Parameters<typeof getContext>) {
      contexts++;
      return getContext.apply(this, args);
    } as typeof getContext;
    try {
      expect(textOn('#4f46e5')).to.equal('#fff');
      expect(contexts).to.equal(0);
      expect(textOn('navy')).to.equal('#fff');
      expect(contexts).to.equal(1);
    } finally {
      HTMLCanvasElement.prototype.getContext = getContext;
    }
  });
});
