// `npm run fuses -- <path>`: flips Keysmith's fuses (scripts/fuses.ts) on the Electron binary or
// .app bundle of an app packaged some other way than `npm run dist` (whose afterPack hook does the
// same), then reads them back. Never point it at node_modules' Electron: `npm start` runs that one.
import { flipKeysmithFuses, verifyKeysmithFuses } from './fuses';

const target = process.argv[2];
if (target === undefined) {
  console.error('usage: npm run fuses -- <packaged Electron binary or .app bundle>');
  process.exit(2);
}
await flipKeysmithFuses(target);
const wrong = await verifyKeysmithFuses(target);
if (wrong.length > 0) {
  console.error(
    `Read back from ${target}, these fuses are not as Keysmith sets them: ${wrong.join(', ')}`,
  );
  process.exit(1);
}
console.log(`Flipped Keysmith's fuses on ${target} and read them back`);
