// `npm start`: the emulator and the demo, until Ctrl+C.
import {startDemo} from './demo-server.mjs';

const demo = await startDemo({
  apiPort: Number(process.env.SA_EMULATOR_PORT ?? 8787),
  demoPort: Number(process.env.SA_DEMO_PORT ?? 8000),
});
console.log(`SiteAssist emulator: ${demo.emulator.apiUrl} (publishable key pk_demo)`);
console.log(`Demo:                ${demo.demoUrl}`);
console.log(`Launcher (one line): ${demo.demoUrl}launcher.html`);
console.log('Press Ctrl+C to stop.');

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await demo.close();
    process.exit(0);
  });
}
