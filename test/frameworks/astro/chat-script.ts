import 'siteassist-elements';

document.querySelector('sa-conversation')?.addEventListener('sa-message-sent', (event) => {
  console.log('sent', event.detail.content);
});
