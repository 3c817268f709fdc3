// What the `ai` scenarios of ai-replies.mjs say, for the browser tests to assert on (no imports:
// the browser loads this, never the `ai` package).

export const LINK = {buttonLabel: 'Open the returns form', href: 'https://shop.example.com/returns'};

/** What the assistant of each scenario says, so tests can assert on it. */
export const SAID = {
  stepOne: 'Let me check the weather for you.',
  stepTwo: 'It is 21 °C in Oslo.',
  cited: 'Returns are free within 30 days, see [the returns policy][1].',
  citedUrl: 'https://shop.example.com/returns-policy',
  linkIntro: 'You can start a return here.',
  linkAfter: 'Anything else I can help with?',
  busyBefore: 'Looking up order 4821.',
  busyAfter: 'Order 4821 left our warehouse yesterday.',
  stopped: 'I was about to explain',
  late: 'Here I am, a little late.',
  cutBefore: 'The first words of an answer',
  /** Two steps, each with its own reference definitions: both call their first source [1]. */
  shippingUrl: 'https://shop.example.com/shipping',
};
