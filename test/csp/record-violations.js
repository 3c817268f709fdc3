// Runs first in the strict-CSP test page (an external file: the policy blocks inline script) and
// keeps every violation where the test in the parent page can read it.
window.violations = [];
document.addEventListener('securitypolicyviolation', (event) => {
  window.violations.push(`${event.effectiveDirective}: ${event.blockedURI} ${event.sample}`.trim());
});
