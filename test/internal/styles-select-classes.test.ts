/**
 * Parts are public API (page CSS styles them with ::part): the elements' own styles select classes,
 * so renaming or adding a part never restyles an element from the inside.
 */
import {expect} from '@open-wc/testing';
import type {CSSResult} from 'lit';
import {SaConversation, SaConversationList, SaLauncher, SaStartButton} from '../../src/index.js';

describe('internal styles', () => {
  for (const element of [SaConversation, SaConversationList, SaStartButton, SaLauncher]) {
    it(`${element.name} selects classes, not [part]`, () => {
      // The first instance finalises the class (see SiteAssistElement's constructor): then
      // elementStyles holds every sheet it adopts.
      new element();
      const css = element.elementStyles.map((style) => (style as CSSResult).cssText).join('\n');
      expect(css).to.not.equal('');
      expect(css.match(/\[part\b[^\]]*\]/g) ?? []).to.deep.equal([]);
    });
  }
});
