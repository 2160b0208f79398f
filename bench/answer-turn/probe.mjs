// Preloaded into `node dist/src/index.js` by the start-up measure (node --import): answers the
// driver's question about memory over IPC, without anything in the product's code.
import v8 from 'node:v8';

if (process.send) {
  process.on('message', (message) => {
    if (message === 'cpu') process.send({ cpu: process.cpuUsage() });
    if (message !== 'memory') return;
    const spaces = Object.fromEntries(v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
    process.send({ memory: process.memoryUsage(), spaces });
  });
  process.channel?.unref();
}
