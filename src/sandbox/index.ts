export { startSandbox } from './server';
export type {
  CreatedCredentialJson,
  CredentialJson,
  CredentialListJson,
  CredentialStatus,
  Fault,
  FaultInjector,
  FaultPolicy,
  ProblemFieldError,
  ProblemJson,
  SandboxHandle,
  SandboxOptions,
  SandboxStats,
  TokenResponseJson,
} from './types';
export { TOKEN_AUDIENCE, TOKEN_TYPE, type Jwks } from './token-signer';
export { PROBLEM_TYPE_BASE } from './reply';
