export * from './cluster/index.js';
// The controllers/objects/scenarios engineer adds their exports below.
export * from './controllers/index.js';
export { type SimKubeconfigOptions, simKubeconfigYaml, writeSimKubeconfig } from './kubeconfig.js';
export * from './objects/index.js';
export * from './scenarios/index.js';
export * from './server/index.js';
export * from './simStore.js';
