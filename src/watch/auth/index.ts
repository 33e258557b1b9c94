export type { ApiAuth } from './ApiAuth.js';
export { authFromSnapshot, TOKEN_FILE_REFRESH_MS } from './AuthSnapshot.js';
export { authFromHandoff, type CredentialsHandoff } from './CredentialsHandoff.js';
export { kubeConfigAuth } from './kubeConfigAuth.js';
export { KubeConfigError, type KubeCredentials, loadCredentials } from './loadCredentials.js';
