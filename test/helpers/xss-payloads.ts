declare global {
  interface Window {
    __xss?: unknown;
  }
}

/**
 * Classic XSS payloads, raw and in every markdown form that carries a URL. Each one that ran would
 * set `window.__xss`. Shared by the markdown renderer tests and the resilience tests, which send
 * them through every channel the server fills (messages, titles, agent names, welcome, links).
 */
export const xss = [
  '<script>window.__xss=1</script>',
  '<img src=x onerror="window.__xss=1">',
  '<svg onload="window.__xss=1">',
  '<iframe src="javascript:window.__xss=1"></iframe>',
  '<iframe srcdoc="<script>window.__xss=1</script>">',
  '<object data="javascript:window.__xss=1"></object>',
  '<embed src="javascript:window.__xss=1">',
  '<style>@import "https://evil.example/x.css";</style>',
  '"><script>window.__xss=1</script>',
  "'><img src=x onerror=window.__xss=1>",
  '<a href="javascript:window.__xss=1">x</a>',
  '<a href="https://ok.example" onclick="window.__xss=1">x</a>',
  '<body onload=window.__xss=1>',
  '<details open ontoggle=window.__xss=1>',
  '<math><mtext><table><mglyph><style><img src=x onerror=window.__xss=1>',
  '<x onmouseover=window.__xss=1>hover</x>',
  '[x](javascript:window.__xss=1)',
  '[x](JaVaScRiPt:window.__xss=1)',
  '[x](<java\tscript:window.__xss=1>)',
  '[x](<\u0001javascript:window.__xss=1>)',
  '[x](\njavascript:window.__xss=1)',
  '[x](&#106;avascript:window.__xss=1)',
  '[x](&#x6A;avascript:window.__xss=1)',
  '[x](jav&#x09;ascript:window.__xss=1)',
  '[x](javascript&colon;window.__xss=1)',
  '[x](%6Aavascript:window.__xss=1)',
  '[x](javascript://%0Awindow.__xss=1)',
  '[x](javascript:window.__xss=1 "title")',
  '[x](data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==)',
  '[x](vbscript:msgbox(1))',
  '[x](file:///etc/passwd)',
  '[x](https://ok.example "\\"><script>window.__xss=1</script>")',
  '[<img src=x onerror=window.__xss=1>](https://ok.example)',
  '![x](javascript:window.__xss=1)',
  '![x" onerror="window.__xss=1](https://img.example/a.png)',
  '![x](https://img.example/a.png" onerror="window.__xss=1)',
  '<javascript:window.__xss=1>',
  '<JAVASCRIPT:window.__xss=1>',
  '<data:text/html,<script>window.__xss=1</script>>',
  '<vbscript:msgbox(1)>',
  'https://ok.example/"><script>window.__xss=1</script>',
  '[x][1]\n\n[1]: javascript:window.__xss=1',
  '[1]\n\n[1]: <javascript:window.__xss=1> "t"',
  '[x][1]\n\n[1]: data:text/html,<script>window.__xss=1</script>',
  '[1]\n\n[1]: https://ok.example "\\" onmouseover=\\"window.__xss=1"',
  '[1]\n\n[1]: <JaVa\tScRiPt:window.__xss=1>',
  '`<script>window.__xss=1</script>`',
  '```html\n<script>window.__xss=1</script>\n```',
  '```"><img src=x onerror=window.__xss=1>\nx\n```',
  '| <img src=x onerror=window.__xss=1> | b |\n|---|---|\n| <svg onload=window.__xss=1> | c |',
  '> <iframe src="javascript:window.__xss=1">',
  '- <img src=x onerror=window.__xss=1>\n  - [x](javascript:window.__xss=1)',
  '# <script>window.__xss=1</script>',
  '**<img src=x onerror=window.__xss=1>**',
];
