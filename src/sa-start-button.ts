import {SaStartButton} from './components/start-button/start-button.js';
import {define} from './internal/define.js';

export {SaStartButton};

define('sa-start-button', SaStartButton);

declare global {
  interface HTMLElementTagNameMap {
    'sa-start-button': SaStartButton;
  }
}
