// Entry of a simulation worker thread. Worker threads do not inherit tsx's loader from the main
// thread, so this plain-JavaScript entry registers it before loading the TypeScript worker.
import { register } from 'tsx/esm/api';

register();
await import('./worker.ts');
